/// Limits shared by every WebSocket an executor opens.
enum SocketLimits {
    /// The largest frame read: real `executed` frames of cached runs exceed the WebSocket libraries' 16 KiB
    /// default, and preview images and `SaveImageWebsocket` outputs arrive whole in one frame.
    static let maxFrameSize = 64 << 20
}
