/// ComfyUI's `PromptQueue` and the server's prompt counter: pending heap, running items, history and the
/// interrupt flag. Every change broadcasts `status`, as `queue_updated()` does.
actor PromptQueue {
    private let hub: SocketHub
    private let faults: HistoryFaults
    private var counter = 0
    private var pending = PythonHeap()
    private var running: [(key: Int, item: QueueItem)] = []
    private var nextRunningKey = 0
    private var history: [(id: String, entry: JSONValue)] = []
    private var interruptRequested = false
    private var wakeUp: AsyncStream<Void>.Continuation?
    private var emptyAnswersLeft: [String: Int] = [:]
    private var failuresLeft: Int

    static let maximumHistorySize = 10_000

    init(hub: SocketHub, faults: HistoryFaults) {
        self.hub = hub
        self.faults = faults
        self.failuresLeft = faults.failingResponses
    }

    /// The stream the worker waits on; it yields whenever a prompt is queued.
    func wakeUps() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeUp = continuation
        return stream
    }

    func finishWakeUps() { wakeUp?.finish() }

    /// `number` for a POST without an explicit one: the counter, negated for `front`; the counter always advances.
    func assignNumber(front: Bool) -> JSONValue {
        defer { counter += 1 }
        return .integer(front ? -counter : counter)
    }

    var remaining: Int { pending.count + running.count }

    func put(_ item: QueueItem) {
        pending.push(item)
        broadcastStatus()
        wakeUp?.yield()
    }

    /// Takes the next prompt to run, or nil when none is pending.
    func take() -> (key: Int, item: QueueItem)? {
        guard let item = pending.pop() else { return nil }
        let key = nextRunningKey
        nextRunningKey += 1
        running.append((key, item))
        interruptRequested = false
        broadcastStatus()
        return (key, item)
    }

    /// `task_done`: stores the history entry and drops the item from `running`.
    func finish(key: Int, promptID: String, entry: JSONValue) {
        running.removeAll { $0.key == key }
        if history.count > Self.maximumHistorySize { history.removeFirst() }
        history.removeAll { $0.id == promptID }
        history.append((promptID, entry))
        if faults.emptyResponsesAfterCompletion > 0 { emptyAnswersLeft[promptID] = faults.emptyResponsesAfterCompletion }
        broadcastStatus()
    }

    func currentQueue() -> (running: [QueueItem], pending: [QueueItem]) {
        (running.map(\.item), pending.items)
    }

    func isRunning(_ promptID: String) -> Bool { running.contains { $0.item.promptID == promptID } }

    /// `delete_queue_item`: removing the last pending item wipes the queue, which broadcasts twice.
    /// False when the prompt was not pending.
    @discardableResult
    func deletePending(_ promptID: String) -> Bool {
        guard let index = pending.items.firstIndex(where: { $0.promptID == promptID }) else { return false }
        if pending.count == 1 {
            clearPending()
        } else {
            pending.remove(at: index)
        }
        broadcastStatus()
        return true
    }

    func clearPending() {
        pending.removeAll()
        broadcastStatus()
    }

    // MARK: Interrupt

    func requestInterrupt() { interruptRequested = true }

    /// `interrupt_if_running`: interrupts only while `promptID` is the one running; whether it did.
    func interruptIfRunning(_ promptID: String) -> Bool {
        guard isRunning(promptID) else { return false }
        interruptRequested = true
        return true
    }
    var isInterruptRequested: Bool { interruptRequested }

    // MARK: History

    /// `GET /history/{id}`, honouring the history-race knob.
    func historyEntry(_ promptID: String) -> JSONObject {
        if let left = emptyAnswersLeft[promptID], left > 0 {
            emptyAnswersLeft[promptID] = left - 1
            return [:]
        }
        guard let entry = history.first(where: { $0.id == promptID })?.entry else { return [:] }
        return [promptID: entry]
    }

    /// `GET /history?max_items=&offset=`: a negative offset with `max_items` means "the last N".
    func historyEntries(maxItems: Int?, offset: Int) -> JSONObject {
        var offset = offset
        if offset < 0, let maxItems { offset = history.count - maxItems }
        var out = JSONObject()
        for (index, record) in history.enumerated() where index >= offset {
            out[record.id] = record.entry
            if let maxItems, out.count >= maxItems { break }
        }
        return out
    }

    func deleteHistory(_ promptID: String) { history.removeAll { $0.id == promptID } }
    func clearHistory() { history.removeAll() }

    /// Whether this `/history` request should fail (the 5xx knob), counting it down.
    func consumeHistoryFailure() -> Bool {
        guard failuresLeft > 0 else { return false }
        failuresLeft -= 1
        return true
    }

    private func broadcastStatus() { hub.broadcastStatus(queueRemaining: remaining) }
}
