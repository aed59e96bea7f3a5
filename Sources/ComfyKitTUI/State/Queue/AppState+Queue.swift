import ComfyKit

/// The app's side of the server-queue screen: opening it, its keys and answers, and its polling.
extension AppState {
    /// This session's runs the server knows, by prompt id, for marking them.
    var ourPrompts: [String: QueueComponent.OurRun] {
        var ours: [String: QueueComponent.OurRun] = [:]
        for run in runs.all {
            if let promptID = run.promptID { ours[promptID] = QueueComponent.OurRun(runID: run.id, name: run.workflowName) }
        }
        return ours
    }

    /// `Q` on the list: the server's queue, asked at once.
    mutating func openQueue() -> [Effect] {
        route = .queue
        status = ""
        return queue.open(clock: clock)
    }

    /// A message for the screen; its keys arrive only while it is shown.
    mutating func updateQueue(_ message: QueueMessage) -> [Effect] {
        switch queue.update(message, ours: ourPrompts, clock: clock, status: &status) {
        case .effects(let effects):
            return effects
        case .back:
            return backToTheList()
        case .unhandled:
            guard case .key(let key) = message else { return [] }
            return screenKey(key)
        }
    }

    /// Every ``QueueComponent/refreshInterval`` while the screen is shown, and never otherwise.
    mutating func pollQueueIfShown() -> [Effect] {
        route == .queue ? queue.pollIfDue(clock: clock) : []
    }
}
