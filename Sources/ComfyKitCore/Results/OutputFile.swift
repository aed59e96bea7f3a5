/// One output file of a run, as the server reported it.
public struct OutputFile: Hashable, Sendable {
    public let nodeID: String
    /// The `$output` name, or the node id.
    public let outputName: String
    public let category: OutputCategory
    public let filename: String
    public let subfolder: String
    /// `output`, `temp` (previews) or `input`.
    public let type: String
    public let url: String
}
