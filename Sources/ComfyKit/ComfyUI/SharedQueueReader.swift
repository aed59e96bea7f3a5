/// `GET /queue` shared by the runs of one kit: a run waiting for its turn takes the newest answer
/// fetched after it submitted, or joins the request in flight, instead of fetching its own.
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
        if let latest, latest.requestedAt >= instant { return latest.snapshot }
        if let inFlight, inFlight.requestedAt >= instant { return try await inFlight.task.value }
        let requestedAt = ContinuousClock.now
        let task = Task { [client, load] in
            do {
                let snapshot = try await client.queue()
                load.heard(queueLength: snapshot.running.count + snapshot.pending.count)
                return snapshot
            } catch {
                if !(error is CancellationError) { load.failed() }
                throw error
            }
        }
        inFlight = (task, requestedAt)
        defer { if inFlight?.requestedAt == requestedAt { inFlight = nil } }
        let snapshot = try await task.value
        if latest.map({ $0.requestedAt < requestedAt }) ?? true { latest = (snapshot, requestedAt) }
        return snapshot
    }
}
