/// Whether a server can run a workflow, by its `/object_info`: every node class known, every combo value
/// (a model, a sampler) among its choices. What a server lacks is said, so a skipped server shows why.
enum ServerFit: Hashable, Sendable {
    case fits
    case lacks(String)

    init(_ workflow: Workflow, objectInfo: ObjectInfo) {
        for node in workflow.nodes {
            guard let inputs = objectInfo.classes[node.classType] else {
                self = .lacks("no node class \(node.classType) (node \(node.id))")
                return
            }
            for (name, value) in node.inputs {
                guard case .string(let text) = value, let choices = inputs[name]?.choices else { continue }
                if !choices.contains(text) {
                    self = .lacks("no \(text) for \(node.classType).\(name) (node \(node.id))")
                    return
                }
            }
        }
        self = .fits
    }
}
