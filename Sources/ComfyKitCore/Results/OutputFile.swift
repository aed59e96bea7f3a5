/// One output file of a run, as the server reported it.
public struct OutputFile: Hashable, Sendable {
    /// The node that produced it.
    public let nodeID: String
    /// The `$output` name, or the node id.
    public let outputName: String
    /// Image, video or audio, by the file's extension and the output key.
    public let category: OutputCategory
    /// The file's name on the server.
    public let filename: String
    /// The folder inside ``type``'s folder; empty for its top level.
    public let subfolder: String
    /// `output`, `temp` (previews) or `input`.
    public let type: String
    /// The file's `/view` URL on the server.
    public let url: String
}
