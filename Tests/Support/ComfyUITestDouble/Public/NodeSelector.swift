/// Picks the nodes a knob applies to: every node of a class, or one node id.
///
/// When both match a node, the node-id entry wins.
public enum NodeSelector: Hashable, Sendable {
    /// Every node whose `class_type` is this, e.g. `.classType("KSampler")`.
    case classType(String)
    /// The node with this id in the submitted prompt, e.g. `.nodeID("3")`.
    case nodeID(String)
}

extension Dictionary where Key == NodeSelector {
    /// The entry for a node: its id first, then its class.
    func value(forNode id: String, classType: String) -> Value? {
        self[.nodeID(id)] ?? self[.classType(classType)]
    }
}
