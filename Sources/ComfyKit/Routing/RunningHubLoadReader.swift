/// RunningHub's queue status shared by a kit's routing decisions: its tasks running and waiting become the
/// member's queue length and its concurrency limit the most it is given at once.
actor RunningHubLoadReader {
    private let client: RunningHubClient
    let load = ServerLoad()
    private var lastAsked: ContinuousClock.Instant?
    private var inFlight: Task<Bool, Never>?

    init(client: RunningHubClient) { self.client = client }

    /// Whether RunningHub answered a request sent at or after `instant` (joining the one in flight, if any).
    func refresh(requestedAfter instant: ContinuousClock.Instant) async -> Bool {
        if let lastAsked, lastAsked >= instant, load.snapshot.failingSince == nil { return true }
        if let inFlight { return await inFlight.value }
        let asked = ContinuousClock.now
        let task = Task { [client, load] in
            do {
                let status = try await client.queueStatus()
                load.heard(queueLength: status.runningCount + status.queuedCount, limit: status.concurrentLimit)
                return true
            } catch {
                load.failed()
                return false
            }
        }
        inFlight = task
        let answered = await task.value
        inFlight = nil
        lastAsked = asked
        return answered
    }
}
