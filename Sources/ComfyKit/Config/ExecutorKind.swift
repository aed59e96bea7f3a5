/// How a local run talks to ComfyUI.
public enum ExecutorKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// Live events over `/ws`, results from `/history`. The default.
    case websocket
    /// `/history` polling only.
    case http

    /// Reads `websocket`, `ws` or `http`, in any case.
    public init?(parsing text: String) {
        switch text.trimmingWhitespace().lowercased() {
        case "websocket", "ws": self = .websocket
        case "http": self = .http
        default: return nil
        }
    }
}
