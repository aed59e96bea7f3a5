/// Where a param's value is written: one input of one node. A param may have several (fan-out).
public struct Binding: Hashable, Sendable {
    /// The node the value goes to.
    public let nodeID: String
    /// The input of that node the value is written to (`seed`, `text`).
    public let field: String
    /// The node's class type, for `/object_info` look-ups and messages.
    public let classType: String
    /// The value is media: the marker has `~`, or the field is the file input of a loader
    /// node (`LoadImage.image`, `LoadAudio.audio`, …).
    public let isMedia: Bool
    /// The node's current value of that input, if it has one (a literal or a link).
    public let currentValue: JSONValue?

    /// A binding to input `field` of node `nodeID`.
    public init(nodeID: String, field: String, classType: String, isMedia: Bool, currentValue: JSONValue?) {
        self.nodeID = nodeID
        self.field = field
        self.classType = classType
        self.isMedia = isMedia
        self.currentValue = currentValue
    }

    /// `node.field`, as shown to users.
    public var path: String { "\(nodeID).\(field)" }

    /// The file input of each loader node that takes uploaded media.
    ///
    /// The Python ComfyKit treated *every* param on these classes as media and dropped plain
    /// strings (the Python ComfyKit treated every string of a `~` node as media); only the file input is media here.
    public static let mediaInputs: [String: String] = [
        "LoadImage": "image",
        "LoadImageMask": "image",
        "LoadAudio": "audio",
        "LoadVideo": "file",
        "VHS_LoadAudioUpload": "audio",
        "VHS_LoadVideo": "video",
    ]
}
