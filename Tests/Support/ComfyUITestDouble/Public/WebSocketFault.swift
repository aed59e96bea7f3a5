/// A WebSocket misbehaviour to inject, counted in frames the double has sent on a connection.
///
/// ```swift
/// config.webSocketFault = .init(.drop, afterFrames: 5)      // first connection dies after 5 frames
/// config.webSocketFault = .init(.goSilent, afterFrames: 3)  // stays open but sends nothing more
/// config.webSocketFault = .init(.freeze, afterFrames: 3)    // …and answers no ping either
/// ```
public struct WebSocketFault: Sendable, Equatable {
    /// What happens once the frame budget is spent.
    public enum Kind: Sendable, Equatable {
        /// Close the TCP connection abruptly, without a WebSocket close frame.
        case drop
        /// Keep the connection open and stop sending; frames meant for it are discarded. Pings are still answered.
        case goSilent
        /// Keep the connection open, stop sending and stop reading, so pings go unanswered too: a hung server.
        case freeze
    }

    /// Drop or go silent.
    public var kind: Kind
    /// Frames sent before the fault hits (the connect `status` frame counts).
    public var afterFrames: Int
    /// `false`: only the first connection that reaches the budget is hit, so a reconnect works.
    /// `true`: every connection is.
    public var everyConnection: Bool

    /// A fault of `kind` after `afterFrames` frames, on the first connection only unless `everyConnection`.
    public init(_ kind: Kind, afterFrames: Int, everyConnection: Bool = false) {
        self.kind = kind
        self.afterFrames = afterFrames
        self.everyConnection = everyConnection
    }
}
