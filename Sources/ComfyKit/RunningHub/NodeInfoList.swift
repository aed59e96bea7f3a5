/// The `nodeInfoList` of a run: the values the caller gave, read back from the bound cloud graph.
///
/// Binding runs through ``ParamBinder`` as for a local run, so required params are checked, unknown
/// names refused and `seed: 0` randomised — the caller's `seed=0` too, which the Python ComfyKit sent as 0. Params
/// left to their default are not sent: RunningHub keeps its stored values.
enum NodeInfoList {
    /// One entry per binding of each given param (fan-out kept, declaration order), then one per
    /// randomised seed that no given param covers.
    static func entries(_ bound: BoundWorkflow, spec: WorkflowSpec, given: Set<String>) -> [NodeInfoEntry] {
        var entries: [NodeInfoEntry] = []
        var covered = Set<String>()
        for param in spec.params where given.contains(param.name) {
            for binding in param.bindings {
                guard let value = bound.workflow[binding.nodeID]?.inputs[binding.field] else { continue }
                entries.append(NodeInfoEntry(nodeID: binding.nodeID, fieldName: binding.field, fieldValue: value))
                covered.insert(binding.path)
            }
        }
        for node in bound.workflow.nodes {
            guard let seed = bound.randomizedSeeds[node.id], !covered.contains("\(node.id).seed") else { continue }
            entries.append(NodeInfoEntry(nodeID: node.id, fieldName: "seed", fieldValue: .int(seed)))
        }
        return entries
    }
}
