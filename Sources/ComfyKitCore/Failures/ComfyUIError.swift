/// A failure talking to the ComfyUI server (not a failure of the workflow itself).
public enum ComfyUIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not be reached (refused, DNS, TLS, timeout).
    case unreachable(server: String, reason: String)
    /// The server answered with an unexpected HTTP status.
    case http(endpoint: String, status: Int, body: String)
    /// The server answered something we cannot read.
    case badResponse(endpoint: String, reason: String)
    /// A request that reached the server got no answer (a reset, a timeout): it may have been acted on.
    case answerLost(server: String, endpoint: String, reason: String)
    /// The server came back (a restart) with the prompt in neither its queue nor its history: it will never end.
    case promptLost(server: String, promptID: String)

    /// A message naming the server or endpoint and the cause; quoted bodies are cut at 300 characters.
    public var description: String {
        switch self {
        case .unreachable(let server, let reason): "cannot reach ComfyUI at \(server): \(reason)"
        case .http(let endpoint, let status, let body):
            "\(endpoint) failed: HTTP \(status)" + (body.isEmpty ? "" : ": " + String(body.prefix(300)))
        case .badResponse(let endpoint, let reason): "\(endpoint): unexpected answer: \(reason)"
        case .answerLost(let server, let endpoint, let reason):
            "\(endpoint) reached ComfyUI at \(server) but its answer was lost: \(reason)"
        case .promptLost(let server, let promptID):
            "the server restarted and no longer knows prompt \(promptID) (neither queued, running nor in the history of \(server))"
        }
    }
}
