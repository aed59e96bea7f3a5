/// Computes each node's cache signature: class, `IS_CHANGED` value, widget values and, for links, the
/// upstream node's signature and slot.
struct NodeSignatures {
    private let prompt: JSONObject
    private let changeTag: (String, String) -> String?
    private var memo: [String: String] = [:]

    /// - Parameter changeTag: `IS_CHANGED` for (node id, class type); a non-nil tag also adds the node id,
    ///   as ComfyUI does for nodes that define `IS_CHANGED`.
    init(prompt: JSONObject, changeTag: @escaping (String, String) -> String?) {
        self.prompt = prompt
        self.changeTag = changeTag
    }

    mutating func signature(of nodeID: String) -> String {
        var visiting: Set<String> = []
        return signature(of: nodeID, visiting: &visiting)
    }

    private mutating func signature(of nodeID: String, visiting: inout Set<String>) -> String {
        if let known = memo[nodeID] { return known }
        guard visiting.insert(nodeID).inserted, let node = prompt[nodeID]?.objectValue else { return "missing:\(nodeID)" }
        let classType = node["class_type"]?.stringValue ?? ""
        var parts = [classType]
        if let tag = changeTag(nodeID, classType) { parts += ["changed=\(tag)", "id=\(nodeID)"] }
        let inputs = (node["inputs"]?.objectValue?.entries ?? []).sorted { $0.key < $1.key }
        for (name, value) in inputs {
            if let link = ExecutionList.link(value), prompt.contains(link.node) {
                parts.append("\(name)=<\(signature(of: link.node, visiting: &visiting))>#\(link.slot)")
            } else {
                parts.append("\(name)=\(JSONWriter.string(value))")
            }
        }
        let signature = parts.joined(separator: "|")
        memo[nodeID] = signature
        return signature
    }
}
