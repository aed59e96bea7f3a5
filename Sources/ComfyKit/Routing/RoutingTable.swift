/// The router's view of its servers at one moment, and its one decision: where the next prompt goes.
///
/// A server's work is its queue (running and pending, as `/queue` or its socket's `status` last said) plus our
/// prompts sent there and not yet started that this answer cannot hold yet (on their way, or accepted after it).
/// The prompt goes to the server with the least work among those that fit and are below their concurrency limit
/// (RunningHub's); ties go to the server listed first.
struct RoutingTable: Sendable {
    struct Server: Sendable {
        let name: String
        var queueLength: Int
        /// Our prompts sent there, not started, and not in ``queueLength`` yet.
        var ourWaiting: Int
        var fit: ServerFit
        var isUp: Bool
        /// How many prompts the server takes at once; `nil` for no limit.
        var limit: Int? = nil
        /// Our prompts sent there that have not ended (a queue length heard before the last of them was sent misses it).
        var ourInFlight = 0
        /// When the queue length was heard; `nil` before any answer.
        var heardAt: ContinuousClock.Instant? = nil

        var work: Int { queueLength + ourWaiting }

        /// At its concurrency limit: passed over for now, not for good.
        var isFull: Bool { limit.map { work >= $0 || ourInFlight >= $0 } ?? false }

        /// Why the server cannot take the prompt; empty when it can.
        var reason: String {
            guard isUp else { return "not answering" }
            if case .lacks(let what) = fit { return what }
            return ""
        }
    }

    var servers: [Server]

    /// The server that gets the next prompt, or why none can take it.
    func choose() -> Result<Int, RoutingError> {
        var best: Int?
        for (index, server) in servers.enumerated() where server.isUp && server.fit == .fits && !server.isFull {
            if best.map({ server.work < servers[$0].work }) ?? true { best = index }
        }
        if let best { return .success(best) }
        let full = servers.contains { $0.isUp && $0.fit == .fits && $0.isFull }
        return .failure(RoutingError(reasons: servers.map { ($0.name, $0.isFull ? "at its concurrency limit" : $0.reason) }, someAreFull: full))
    }
}

/// No server can run the workflow: each one's reason.
struct RoutingError: Error, Sendable, CustomStringConvertible {
    let reasons: [(server: String, reason: String)]
    /// Some server could run the workflow once one of its prompts ends: the prompt waits rather than fails.
    var someAreFull = false

    var description: String {
        "no server can run this workflow: " + reasons.map { "\($0.server): \($0.reason)" }.joined(separator: "; ")
    }
}
