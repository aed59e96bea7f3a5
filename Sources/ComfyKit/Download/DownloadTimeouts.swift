/// How long a download may wait on the server.
public struct DownloadTimeouts: Sendable, Hashable {
    /// From sending the request to receiving the response headers.
    public var response: Duration
    /// The longest silence while the body streams; a transfer may take as long as it likes while bytes flow.
    public var idle: Duration

    /// Limits for the response head (default 30 s) and for silence while the body streams (default 60 s).
    public init(response: Duration = .seconds(30), idle: Duration = .seconds(60)) {
        self.response = response
        self.idle = idle
    }
}
