import NIOCore

/// One accepted WebSocket: its `clientId`, its outgoing frame queue and its channel (so a fault can
/// cut the TCP connection without a close handshake).
final class SocketConnection: Sendable {
    let serial: Int
    let sid: String
    let channel: any Channel
    let frames: AsyncStream<OutgoingFrame>
    private let continuation: AsyncStream<OutgoingFrame>.Continuation
    private let state = LockedState(State())

    private struct State {
        var featureFlags: JSONObject?
    }

    init(serial: Int, sid: String, channel: any Channel) {
        self.serial = serial
        self.sid = sid
        self.channel = channel
        (frames, continuation) = AsyncStream.makeStream(of: OutgoingFrame.self)
    }

    func enqueue(_ frame: OutgoingFrame) { continuation.yield(frame) }
    func finishFrames() { continuation.finish() }

    var featureFlags: JSONObject? {
        get { state.withLock { $0.featureFlags } }
        set { state.withLock { $0.featureFlags = newValue } }
    }

    var supportsPreviewMetadata: Bool {
        if case .bool(true) = featureFlags?["supports_preview_metadata"] { return true }
        return false
    }

    /// Reads nothing more from the client, so its pings (and its close) go unanswered; the TCP connection stays open.
    func stopReading() {
        channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
    }

    /// Cuts the connection as a network failure would: no close frame.
    func drop() {
        finishFrames()
        channel.close(mode: .all, promise: nil)
    }
}
