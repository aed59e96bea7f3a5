/// An API-format ComfyUI workflow: nodes in file order, ready to be inspected, bound and submitted.
///
/// A value type: binding params works on a copy, so the caller's workflow is never changed.
public struct Workflow: Hashable, Sendable {
    /// A display name: the file's stem, the URL's last path component, or what the caller chose.
    public var name: String
    /// The nodes in file order.
    public private(set) var nodes: [WorkflowNode]
    private var indexByID: [String: Int]

    /// A workflow of `nodes`; when an id repeats, look-ups find the last node with it.
    public init(name: String, nodes: [WorkflowNode]) {
        self.name = name
        self.nodes = nodes
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() { indexByID[node.id] = index }  // a repeated id: the last wins
        self.indexByID = indexByID
    }

    /// The node with id `nodeID`; `nil` when there is none.
    public subscript(nodeID: String) -> WorkflowNode? {
        indexByID[nodeID].map { nodes[$0] }
    }

    /// Sets one input of one node; returns false when there is no such node.
    @discardableResult
    public mutating func setInput(node nodeID: String, field: String, to value: JSONValue) -> Bool {
        guard let index = indexByID[nodeID] else { return false }
        nodes[index].inputs[field] = value
        return true
    }

    /// True when the node's input holds exactly `value` (the same bytes, not merely an equal string), so
    /// that writing `value` would change nothing. Conservative: false for lists and objects.
    func input(node nodeID: String, field: String, isIdenticalTo value: JSONValue) -> Bool {
        guard let index = indexByID[nodeID], let current = nodes[index].inputs[field] else { return false }
        switch (current, value) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a.literal.utf8.elementsEqual(b.literal.utf8)
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        default: return false
        }
    }

    /// The graph as ComfyUI's `POST /prompt` expects it under `"prompt"`.
    public var promptJSON: JSONValue {
        var object = JSONObject()
        for node in nodes { object[node.id] = node.json }
        return .object(object)
    }
}
