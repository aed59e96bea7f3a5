/// An editor-format workflow that cannot be turned into an API prompt.
public enum EditorConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not shaped as the editor writes it.
    case malformed(source: String, what: String)
    /// A node's class is not known to the server whose `/object_info` was given, so its widgets cannot be named.
    case unknownNodeClass(source: String, nodeID: String, title: String?, classType: String, pack: String?)
    /// A node's input names a link the file does not have.
    case unknownLink(source: String, nodeID: String, input: String, link: Int)
    /// A link comes from a node the file does not have.
    case linkFromMissingNode(source: String, nodeID: String, input: String, origin: Int)
    /// Subgraphs nest into each other without end.
    case subgraphCycle(source: String, subgraph: String)

    /// A message that names the source, and for an unknown class the node and what to install.
    public var description: String {
        switch self {
        case .malformed(let source, let what):
            "\(source): not an editor workflow the converter can read: \(what)"
        case .unknownNodeClass(let source, let nodeID, let title, let classType, let pack):
            "\(source): node \(nodeID)" + (title.map { " “\($0)”" } ?? "") + " is a \(classType), which the server's /object_info does not list "
                + (pack.map { "(it comes from the custom-node pack \($0): install it on the server)" } ?? "(a custom node that is not installed there?)")
                + "; its widget values cannot be named"
        case .unknownLink(let source, let nodeID, let input, let link):
            "\(source): node \(nodeID)'s input \(input) names link \(link), which is not in the file's links"
        case .linkFromMissingNode(let source, let nodeID, let input, let origin):
            "\(source): node \(nodeID)'s input \(input) is linked from node \(origin), which is not in the file"
        case .subgraphCycle(let source, let subgraph):
            "\(source): subgraph \(subgraph) contains itself"
        }
    }
}
