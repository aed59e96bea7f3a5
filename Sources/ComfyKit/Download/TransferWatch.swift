/// How far a transfer has got and when it last moved, so a silent server fails after the idle
/// timeout instead of hanging the download forever.
actor TransferWatch {
    private(set) var receivedBytes: Int64 = 0
    private var lastProgress = ContinuousClock.now

    /// Notes progress: bytes received, or a write finished.
    func record(_ receivedBytes: Int64) {
        self.receivedBytes = receivedBytes
        lastProgress = .now
    }

    /// Returns the bytes received once nothing has happened for `idle`; throws when cancelled.
    func waitForStall(idle: Duration) async throws -> Int64 {
        while true {
            let deadline = lastProgress + idle
            if deadline <= .now { return receivedBytes }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}
