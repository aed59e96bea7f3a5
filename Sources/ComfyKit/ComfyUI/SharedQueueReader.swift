/// `GET /queue` shared by the runs of one kit: a run waiting for its turn takes the newest answer
/// fetched after the instant it names, or joins the request in flight, instead of fetching its own.
/// One request is in flight at a time: a caller that needs a fresher answer than the one in flight waits
/// for it and then joins the next, which serves every caller that arrived meanwhile.
///
/// Without it, every `status` broadcast made each waiting run fetch the whole queue, which lists every
/// pending prompt: with 100 runs waiting that is 100 × 100 prompts per broadcast, and the client's and
/// the server's CPU went to queue listings instead of work.
actor SharedQueueReader {
    private let client: ComfyUIClient
    /// Told every answer's length, or that there was none, for the router.
    let load: ServerLoad
    private var latest: (snapshot: QueueSnapshot, requestedAt: ContinuousClock.Instant)?
    private var inFlight: (task: Task<QueueSnapshot, any Error>, requestedAt: ContinuousClock.Instant)?

    init(client: ComfyUIClient, load: ServerLoad = ServerLoad()) {
        self.client = client
        self.load = load
    }

    /// A snapshot whose request was sent at or after `instant` (so it reflects anything submitted before).
    func queue(requestedAfter instant: ContinuousClock.Instant) async throws -> QueueSnapshot {
        while true {
            if let latest, latest.requestedAt >= instant { return latest.snapshot }
            guard let inFlight else { break }
            if inFlight.requestedAt >= instant { return try await inFlight.task.value }
            // Too old for this caller: let it finish, then join or start the one after it.
            _ = try? await inFlight.task.value
        }
        let requestedAt = ContinuousClock.now
        let task = Task { try await fetch(requestedAt: requestedAt) }
        inFlight = (task, requestedAt)
        return try await task.value
    }

    /// One request; `latest` and `inFlight` are settled before any waiter resumes.
    private func fetch(requestedAt: ContinuousClock.Instant) async throws -> QueueSnapshot {
        defer { if inFlight?.requestedAt == requestedAt { inFlight = nil } }
        let snapshot: QueueSnapshot
        do {
            snapshot = try await client.queue()
        } catch {
            if !(error is CancellationError) { load.failed() }
            throw error
        }
        load.heard(queueLength: snapshot.running.count + snapshot.pending.count)
        if latest.map({ $0.requestedAt < requestedAt }) ?? true { latest = (snapshot, requestedAt) }
        return snapshot
    }
}
