import Synchronization

/// What is known of one server's queue between routing decisions, read without waiting: refreshed by every
/// `GET /queue` answer (or failure) and by the socket's `status` messages (`exec_info.queue_remaining`); for
/// RunningHub, by its queue status (its tasks running and waiting, and its concurrency limit).
final class ServerLoad: Sendable {
    struct Snapshot: Sendable {
        /// Running plus pending prompts, as last heard.
        var queueLength = 0
        /// How many prompts the server takes at once (RunningHub's concurrency limit); `nil` for no limit.
        var limit: Int?
        /// When the queue length was last heard; `nil` before the first answer.
        var heardAt: ContinuousClock.Instant?
        /// Since when every request failed; `nil` while the server answers.
        var failingSince: ContinuousClock.Instant?

        /// How long the server has not answered, or `nil` while it answers.
        func downFor(at now: ContinuousClock.Instant) -> Duration? { failingSince.map { now - $0 } }
    }

    private let state = Mutex(Snapshot())

    var snapshot: Snapshot { state.withLock { $0 } }

    /// The server answered with this many prompts running or pending.
    func heard(queueLength: Int, limit: Int? = nil, at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.queueLength = queueLength
            state.limit = limit
            state.heardAt = now
            state.failingSince = nil
        }
    }

    /// A request to the server got no answer.
    func failed(at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if state.failingSince == nil { state.failingSince = now }
        }
    }
}
