/// An image for a preview frame.
struct PreviewImage: Sendable {
    enum Format: Sendable { case jpeg, png }
    var format: Format
    var bytes: [UInt8]
}
