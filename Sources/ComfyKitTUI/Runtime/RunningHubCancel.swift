import ComfyKit

/// A RunningHub task's cancel as quitting needs it: confirmed by the cloud within a bounded time, or why not.
enum RunningHubCancel {
    /// `nil` once RunningHub confirmed the cancel; else why it did not (an error, no key, no answer in time).
    static func cancel(_ taskID: String, with client: RunningHubClient?, within limit: Duration) async -> String? {
        guard let client else { return "no RunningHub API key" }
        return await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    try await client.cancel(taskID)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return "no answer within \(limit.components.seconds) s"
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
