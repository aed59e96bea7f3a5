/// An editor-format workflow that cannot be turned into an API prompt.
public enum EditorConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not shaped as the editor writes it.
    case malformed(source: String, what: String)
    /// A node's class is not known to the server whose `/object_info` was given, so its widgets cannot be named.
    case unknownNodeClass(source: String, nodeID: String, classType: String)
    /// Subgraphs nest into each other without end.
    case subgraphCycle(source: String, subgraph: String)

    /// A message that names the source, and for an unknown class the node and what to install.
    public var description: String {
        switch self {
        case .malformed(let source, let what):
            "\(source): not an editor workflow the converter can read: \(what)"
        case .unknownNodeClass(let source, let nodeID, let classType):
            "\(source): node \(nodeID) is a \(classType), which the server's /object_info does not list "
                + "(a custom node that is not installed there?); its widget values cannot be named"
        case .subgraphCycle(let source, let subgraph):
            "\(source): subgraph \(subgraph) contains itself"
        }
    }
}
