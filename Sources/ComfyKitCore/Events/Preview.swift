/// A preview image sent while a node runs (sampler steps, `SaveImageWebsocket`).
public struct Preview: Hashable, Sendable {
    /// The image encoding of ``Preview/bytes``.
    public enum Format: String, Hashable, Sendable { case jpeg, png }
    /// How ``bytes`` are encoded.
    public let format: Format
    /// Present on type 4 frames; type 1 previews are attributed to the prompt running at the time.
    public let promptID: String?
    /// The node that sent it; present on type 4 frames only.
    public let nodeID: String?
    /// The encoded image, without the frame's header.
    public let bytes: [UInt8]

    /// A preview of `bytes` in `format`; `promptID` and `nodeID` are `nil` when the frame does not say.
    public init(format: Format, promptID: String?, nodeID: String?, bytes: [UInt8]) {
        self.format = format
        self.promptID = promptID
        self.nodeID = nodeID
        self.bytes = bytes
    }
}
