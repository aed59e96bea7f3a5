/// How far one file's download has got; reported at the start and after every chunk received.
public struct DownloadProgress: Sendable, Hashable {
    /// The file this report is about.
    public let request: DownloadRequest
    /// Bytes received so far; never decreases for one request.
    public let receivedBytes: Int64
    /// The size the server announced (`Content-Length`), if it did.
    public let totalBytes: Int64?

    /// A report on `request`: `receivedBytes` so far of `totalBytes` (`nil` when the size is unknown).
    public init(request: DownloadRequest, receivedBytes: Int64, totalBytes: Int64?) {
        self.request = request
        self.receivedBytes = receivedBytes
        self.totalBytes = totalBytes
    }

    /// `receivedBytes / totalBytes` in 0…1, when the size is known.
    public var fractionCompleted: Double? {
        guard let totalBytes else { return nil }
        return totalBytes == 0 ? 1 : min(1, Double(receivedBytes) / Double(totalBytes))
    }
}
