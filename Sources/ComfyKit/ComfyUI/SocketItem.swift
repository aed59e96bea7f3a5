/// What the shared socket delivers to one run's subscription.
enum SocketItem: Sendable {
    case message(ServerMessage)
    case preview(Preview)
    case nodeText(node: String, text: String)
    /// The queue length changed (broadcast to every run).
    case queueChanged(remaining: Int)
    case connectionLost
    case reconnected
}
