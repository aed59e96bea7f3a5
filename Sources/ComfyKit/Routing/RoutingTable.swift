/// The router's view of its servers at one moment, and its one decision: where the next prompt goes.
///
/// A server's work is its queue (running and pending, as `/queue` last said) plus our prompts sent there and
/// not yet started (which that answer may not show yet). The prompt goes to the server with the least work
/// among those that fit; ties go to the server listed first.
struct RoutingTable: Sendable {
    struct Server: Sendable {
        let name: String
        var queueLength: Int
        var ourWaiting: Int
        var fit: ServerFit
        var isUp: Bool

        var work: Int { queueLength + ourWaiting }

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
        for (index, server) in servers.enumerated() where server.isUp && server.fit == .fits {
            if best.map({ server.work < servers[$0].work }) ?? true { best = index }
        }
        if let best { return .success(best) }
        return .failure(RoutingError(reasons: servers.map { ($0.name, $0.reason) }))
    }
}

/// No server can run the workflow: each one's reason.
struct RoutingError: Error, Sendable, CustomStringConvertible {
    let reasons: [(server: String, reason: String)]

    var description: String {
        "no server can run this workflow: " + reasons.map { "\($0.server): \($0.reason)" }.joined(separator: "; ")
    }
}
