/// A node that raised while the prompt ran (`execution_error`).
public struct ExecutionFailure: Hashable, Sendable, CustomStringConvertible {
    public let nodeID: String?
    public let classType: String?
    /// The Python exception's class, e.g. `ValueError`.
    public let exceptionType: String?
    public let message: String
    public let traceback: [String]

    package init(json data: JSONValue) {
        nodeID = data["node_id"]?.nodeID
        classType = data["node_type"]?.stringValue
        exceptionType = data["exception_type"]?.stringValue
        message = (data["exception_message"]?.displayText ?? "Unknown error").trimmingWhitespace()
        traceback = data["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

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
