/// A node that raised while the prompt ran (`execution_error`).
public struct ExecutionFailure: Hashable, Sendable, CustomStringConvertible {
    /// The node that raised; `nil` when the server does not say.
    public let nodeID: String?
    /// The raising node's class type; `nil` when the server does not say.
    public let classType: String?
    /// The Python exception's class, e.g. `ValueError`.
    public let exceptionType: String?
    /// The exception's message, trimmed (`Unknown error` when the server sent none).
    public let message: String
    /// The Python traceback's lines, as the server sent them; empty when it sent none.
    public let traceback: [String]

    package init(json data: JSONValue) {
        nodeID = data["node_id"]?.nodeID
        classType = data["node_type"]?.stringValue
        exceptionType = data["exception_type"]?.stringValue
        message = (data["exception_message"]?.displayText ?? "Unknown error").trimmingWhitespace()
        traceback = data["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// A failure built from its parts, e.g. from RunningHub's `failedReason`.
    public init(nodeID: String?, classType: String?, exceptionType: String?, message: String, traceback: [String] = []) {
        self.nodeID = nodeID
        self.classType = classType
        self.exceptionType = exceptionType
        self.message = message
        self.traceback = traceback
    }

    /// `node 2 (SplitAudioChannels): ValueError: AudioSplit: Input audio has only one channel.`
    public var description: String {
        var text = ""
        if let nodeID { text += "node \(nodeID)" + (classType.map { " (\($0))" } ?? "") + ": " }
        if let exceptionType { text += exceptionType + ": " }
        return text + message
    }
}

extension JSONValue {
    /// A node id, written as a string by ComfyUI but tolerated as a number.
    package var nodeID: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n.literal
        default: nil
        }
    }
}
