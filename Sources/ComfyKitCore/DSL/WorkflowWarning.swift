/// Something in a workflow's DSL that works but probably does not do what its author meant.
public struct WorkflowWarning: Hashable, Sendable, CustomStringConvertible {
    /// The node the warning is about, if one.
    public let nodeID: String?
    /// What looks wrong, in a sentence.
    public let message: String

    /// `node 12: message`, or just the message when no node is named.
    public var description: String { nodeID.map { "node \($0): \(message)" } ?? message }
}

/// A workflow whose DSL cannot be run as written. Lists every problem, not just the first.
public struct WorkflowSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An optional param whose bound input gives it no default value.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The param as declared in the title, e.g. `width`.
        public let paramName: String
        /// The node whose title declares it.
        public let nodeID: String
        /// The input the param is bound to.
        public let field: String
        /// Why the input gives no default: a link, a list, null, or no such input.
        public let reason: String

        /// The Python ComfyKit's message, followed by where and how to fix it.
        public var description: String {
            "Parameter `\(paramName)` has no default value but not marked as required (node \(nodeID)): "
                + "input `\(field)` \(reason); mark it required with `!` or give the input a literal value"
        }
    }

    /// The workflow's name.
    public let workflow: String
    /// Every problem found, in workflow order; never empty.
    public let problems: [Problem]

    /// `workflow: problem`, or the count followed by every problem separated by `; `.
    public var description: String {
        problems.count == 1
            ? "\(workflow): \(problems[0])"
            : "\(workflow): \(problems.count) problems: " + problems.map(\.description).joined(separator: "; ")
    }
}
