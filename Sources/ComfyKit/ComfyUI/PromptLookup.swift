/// Where a ComfyUI server says a prompt is: the one look-up behind "was it queued?" after a lost answer,
/// "did it end while we were away?" after a reconnect, and "what became of it?" when following it again:
/// through the jobs API where the server has it, else `/queue` and `/history`.
struct PromptLookup: Sendable {
    let client: ComfyUIClient
    let queueReader: SharedQueueReader

    enum Whereabouts: Sendable {
        /// Queued or running.
        case waiting
        /// In the history: the entry.
        case ended(JSONObject)
        /// In neither: a restarted server forgot it, or it was never queued.
        case unknown
    }

    /// `nil` when the server cannot be asked. Newer servers answer in one request (`GET /api/jobs/{id}`).
    func whereabouts(of promptID: String) async -> Whereabouts? {
        if await client.hasJobsAPI() {
            do {
                guard let found = try await client.job(id: promptID) else { return .unknown }
                return found.historyEntry.map(Whereabouts.ended) ?? .waiting
            } catch {
                return nil
            }
        }
        // The queue first, fresher than now: a prompt that finishes between the two looks is then in the history.
        guard let queue = try? await queueReader.queue(requestedAfter: .now) else { return nil }
        if queue.position(of: promptID) != nil || queue.isRunning(promptID) { return .waiting }
        let entry: JSONObject?
        do {
            entry = try await client.history(promptID: promptID)
        } catch {
            return nil
        }
        return entry.map(Whereabouts.ended) ?? .unknown
    }
}
