/// A preview image sent while a node runs (sampler steps, `SaveImageWebsocket`).
public struct Preview: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable { case jpeg, png }
    public let format: Format
    /// Present on type 4 frames; type 1 previews are attributed to the prompt running at the time.
    public let promptID: String?
    public let nodeID: String?
    public let bytes: [UInt8]

    public init(format: Format, promptID: String?, nodeID: String?, bytes: [UInt8]) {
        self.format = format
        self.promptID = promptID
        self.nodeID = nodeID
        self.bytes = bytes
    }
}
