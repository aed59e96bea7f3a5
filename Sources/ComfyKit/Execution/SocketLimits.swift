/// Limits shared by every WebSocket an executor opens.
enum SocketLimits {
    /// The largest frame read: real `executed` frames of cached runs exceed the WebSocket libraries' 16 KiB
    /// default, and preview images and `SaveImageWebsocket` outputs arrive whole in one frame.
    static let maxFrameSize = 64 << 20

    /// How often a ComfyUI socket is pinged: a socket that stays open but goes silent (a hung server or proxy)
    /// answers no pong, is closed one period later, and reconnected while runs follow `/history` meanwhile.
    static let pingPeriod: Duration = .seconds(10)
}
