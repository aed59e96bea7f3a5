/// Something in a workflow's DSL that works but probably does not do what its author meant.
public struct WorkflowWarning: Hashable, Sendable, CustomStringConvertible {
    /// The node the warning is about, if one.
    public let nodeID: String?
    public let message: String

    public var description: String { nodeID.map { "node \($0): \(message)" } ?? message }
}

/// A workflow whose DSL cannot be run as written. Lists every problem, not just the first.
public struct WorkflowSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public let paramName: String
        public let nodeID: String
        public let field: String
        /// Why the input gives no default: a link, a list, null, or no such input.
        public let reason: String

        /// The Python ComfyKit's message, followed by where and how to fix it.
        public var description: String {
            "Parameter `\(paramName)` has no default value but not marked as required (node \(nodeID)): "
                + "input `\(field)` \(reason); mark it required with `!` or give the input a literal value"
        }
    }

    public let workflow: String
    public let problems: [Problem]

    public var description: String {
        problems.count == 1
            ? "\(workflow): \(problems[0])"
            : "\(workflow): \(problems.count) problems: " + problems.map(\.description).joined(separator: "; ")
    }
}
