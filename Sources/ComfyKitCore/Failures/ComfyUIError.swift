/// A failure talking to the ComfyUI server (not a failure of the workflow itself).
public enum ComfyUIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not be reached (refused, DNS, TLS, timeout).
    case unreachable(server: String, reason: String)
    /// The server answered with an unexpected HTTP status.
    case http(endpoint: String, status: Int, body: String)
    /// The server answered something we cannot read.
    case badResponse(endpoint: String, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason): "cannot reach ComfyUI at \(server): \(reason)"
        case .http(let endpoint, let status, let body):
            "\(endpoint) failed: HTTP \(status)" + (body.isEmpty ? "" : ": " + String(body.prefix(300)))
        case .badResponse(let endpoint, let reason): "\(endpoint): unexpected answer: \(reason)"
        }
    }
}
