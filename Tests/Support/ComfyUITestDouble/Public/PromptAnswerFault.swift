/// Loses the answer to `POST /prompt` after the prompt was queued, as a proxy that times out or a
/// connection reset after the body arrived does: the prompt runs, the client hears a 5xx.
public struct PromptAnswerFault: Sendable, Equatable {
    /// The HTTP status answered instead of the prompt id (a proxy's 502 Bad Gateway by default).
    public var status: Int
    /// How many answers are lost before they come through again.
    public var count: Int

    public init(status: Int = 502, count: Int = 1) {
        self.status = status
        self.count = count
    }
}
