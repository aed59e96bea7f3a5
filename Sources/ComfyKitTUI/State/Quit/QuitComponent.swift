/// Quitting with runs in flight: the question (cancel them, leave them running, stay), then the wait for the
/// cancels to be confirmed — bounded, so a server that does not answer never keeps the app open.
struct QuitComponent: Hashable, Sendable {
    enum Phase: Hashable, Sendable {
        case idle
        /// The overlay asks what to do with `count` runs in flight.
        case asking(count: Int)
        /// Cancels sent; the app quits once each is confirmed, or at `deadline` (the app's clock).
        case cancelling(deadline: Double)
    }

    var phase: Phase = .idle
    /// Runs whose end the library has not reported yet.
    var awaitingEnd: Set<Int> = []
    /// RunningHub runs whose cancel the cloud has not confirmed yet.
    var awaitingCloud: Set<Int> = []
    /// Sweeps (by their first run) cancelled whose running prompts the library has not interrupted yet.
    var awaitingSweeps: Set<Int> = []

    /// Seconds the app waits for its cancels before it quits anyway.
    static let wait: Double = 10

    var isShown: Bool { phase != .idle }

    /// Runs still to be confirmed cancelled.
    var awaiting: Set<Int> { awaitingEnd.union(awaitingCloud).union(awaitingSweeps) }
}
