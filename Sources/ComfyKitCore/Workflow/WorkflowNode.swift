/// One node of an API-format workflow: `{"class_type", "inputs", "_meta": {"title"}}`.
public struct WorkflowNode: Hashable, Sendable {
    /// The node id, the key in the workflow object (`"6"`).
    public let id: String
    /// The node's class (`KSampler`, `SaveImage`).
    public let classType: String
    /// The node's inputs in file order: literals, or links `[source_node_id, output_index]`.
    public var inputs: JSONObject
    /// `_meta.title`; an absent or null title reads as empty.
    public let title: String
    /// Whether the node has `_meta`. The Python ComfyKit ignores nodes without it, and so does the DSL.
    public let hasMeta: Bool
    /// Every member of the node as written, so that unknown keys are sent to the server unchanged.
    var raw: JSONObject

    /// The node as JSON, with the current inputs.
    public var json: JSONValue {
        var object = raw
        object["inputs"] = .object(inputs)
        return .object(object)
    }

    /// True when `value` is a link to another node's output (`["4", 0]`), not a literal.
    public static func isLink(_ value: JSONValue) -> Bool {
        guard case .array(let items) = value, items.count == 2 else { return false }
        if case .string = items[0], case .number(let n) = items[1], n.isInteger { return true }
        return false
    }
}
