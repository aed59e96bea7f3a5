/// Whether a ComfyUI server has the jobs API of newer versions (`/api/jobs`), asked once per connection.
///
/// 0.3.64 answers 404 there. The answer is forgotten when the connection is lost and comes back (the server
/// may have been restarted as another version); when the server cannot be reached no answer is kept, and the
/// older endpoints are used meanwhile.
actor JobsAPISupport {
    private var known: Bool?
    /// Bumped by ``forget()``, so that a probe sent before it does not set the answer after it.
    private var generation = 0
    private var probe: Task<Bool?, Never>?

    /// The kept answer, else one `GET /api/jobs?limit=1` shared by every caller asking meanwhile.
    func isAvailable(probing client: ComfyUIClient) async -> Bool {
        if let known { return known }
        let started = generation
        let task = probe ?? Task { await client.probeJobsAPI() }
        probe = task
        let answer = await task.value
        if generation == started {
            probe = nil
            known = answer
        }
        return answer ?? false
    }

    /// Asks again next time: the server answered again after it could not be reached.
    func forget() {
        generation += 1
        known = nil
        probe = nil
    }
}
