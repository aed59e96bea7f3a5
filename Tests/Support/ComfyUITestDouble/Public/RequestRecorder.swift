/// Keeps what tests want to assert on.
actor RequestRecorder {
    private(set) var requests: [RecordedRequest] = []
    private(set) var uploads: [RecordedUpload] = []

    func record(_ request: RecordedRequest) { requests.append(request) }
    func record(_ upload: RecordedUpload) { uploads.append(upload) }

    func clear() {
        requests.removeAll()
        uploads.removeAll()
    }
}
