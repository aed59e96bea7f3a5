/// An API-format ComfyUI workflow: nodes in file order, ready to be inspected, bound and submitted.
///
/// A value type: binding params works on a copy, so the caller's workflow is never changed.
public struct Workflow: Hashable, Sendable {
    /// A display name: the file's stem, the URL's last path component, or what the caller chose.
    public var name: String
    public private(set) var nodes: [WorkflowNode]
    private var indexByID: [String: Int]

    public init(name: String, nodes: [WorkflowNode]) {
        self.name = name
        self.nodes = nodes
        indexByID = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { _, last in last })
    }

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

    /// The graph as ComfyUI's `POST /prompt` expects it under `"prompt"`.
    public var promptJSON: JSONValue {
        var object = JSONObject()
        for node in nodes { object[node.id] = node.json }
        return .object(object)
    }
}
