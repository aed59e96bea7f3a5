import Foundation

/// Follows one submitted prompt to its end: socket events as hints, `/history` as the truth.
///
/// With a socket, the end is `executing {node: null}` (or `execution_success/error/interrupted`);
/// while the socket is down or silent, and always for the HTTP executor, `/history` is polled,
/// starting fast and backing off. A dropped socket never fails the run.
struct RunFollower {
    let client: ComfyUIClient
    /// `GET /queue` shared with the kit's other runs.
    let queueReader: SharedQueueReader
    let promptID: String
    let workflow: Workflow
    let spec: WorkflowSpec
    let inactivityTimeout: Duration?
    /// Execution times by workflow, for the HTTP executor's poll schedule; `nil` with a socket.
    let executionTimes: ExecutionTimes?
    /// Whether the prompt's place in the queue is reported (`RunEvent.queued`) while it waits. A sweep's events carry
    /// no place, and asking `/queue` for it cost a request per prompt, a third of a sweep's requests.
    let reportsPosition: Bool
    let emit: @Sendable (RunEvent) -> Void

    private var frames: ProgressFrames
    private var collected = JSONObject()
    private var cancelRequested = false
    private var socketLive = false
    private var lastSignal = ContinuousClock.now
    private var lastSocketItem = ContinuousClock.now
    private var lastHistoryPoll = ContinuousClock.now
    private var lastQueuePoll: ContinuousClock.Instant?
    private var unreachableSince: ContinuousClock.Instant?
    private var lastPosition: Int?
    private let submittedAt = ContinuousClock.now
    /// History showed the end while the socket was still live: its last frames get a moment to arrive.
    private var settled: (outcome: RunOutcome, deadline: ContinuousClock.Instant)?

    /// How long the server may stay unreachable before the run fails.
    static let unreachableLimit: Duration = .seconds(60)
    /// Silence on a live socket after which `/history` is checked (a lost `executing: null`).
    static let silencePoll: Duration = .seconds(2)
    /// How old a shared `/queue` listing may be for a queue position.
    static let queueSnapshotAge: Duration = .milliseconds(250)

    init(client: ComfyUIClient, queueReader: SharedQueueReader, promptID: String, workflow: Workflow, spec: WorkflowSpec,
         inactivityTimeout: Duration?, executionTimes: ExecutionTimes? = nil, reportsPosition: Bool = true,
         emit: @escaping @Sendable (RunEvent) -> Void) {
        self.client = client
        self.queueReader = queueReader
        self.promptID = promptID
        self.workflow = workflow
        self.spec = spec
        self.inactivityTimeout = inactivityTimeout
        self.executionTimes = executionTimes
        self.reportsPosition = reportsPosition
        self.emit = emit
        frames = ProgressFrames(workflow: workflow, emit: emit)
    }

    /// What wakes the follower.
    enum Wake: Sendable {
        case socket(SocketItem)
        case socketEnded
        case tick
        case cancel
    }

    /// The follower's wake-ups, made before subscribing, so that the hub hands the prompt's socket items straight to
    /// them (a task forwarding each item cost a task switch per message, ten or more per prompt).
    struct Inbox: Sendable {
        let wakes: AsyncStream<Wake>
        let wake: AsyncStream<Wake>.Continuation

        init() {
            let (wakes, wake) = AsyncStream.makeStream(of: Wake.self)
            self.wakes = wakes
            self.wake = wake
        }

        /// Subscribes to `promptID`'s events on `hub`.
        func subscribe(to hub: EventHub, promptID: String) async {
            await hub.subscribe(promptID: promptID, deliver: { [wake] in wake.yield(.socket($0)) }, finish: { [wake] in wake.yield(.socketEnded) })
        }
    }

    /// Follows the prompt to its end; `subscribed` when `inbox` gets its socket items, else `/history` is polled.
    mutating func follow(_ inbox: Inbox, subscribed: Bool, control: RunControl) async -> RunOutcome {
        let (wakes, wake) = (inbox.wakes, inbox.wake)
        socketLive = subscribed
        let polling = !subscribed
        await control.onCancel { wake.yield(.cancel) }
        defer {
            wake.finish()
        }
        await reportQueuePosition()
        // HTTP executor: the poll schedule, around the last run's execution time unless the prompt waits behind
        // others. With a socket: a steady 250 ms for checks.
        let schedule = HistoryPollSchedule(expected: polling && lastPosition == nil ? executionTimes?.expected(for: workflow) : nil)
        let ticker = Task { [submittedAt] in
            var schedule = schedule
            while !Task.isCancelled {
                try? await Task.sleep(for: polling ? schedule.delay(after: submittedAt.duration(to: .now)) : .milliseconds(250))
                wake.yield(.tick)
            }
        }
        defer { ticker.cancel() }

        for await item in wakes {
            let outcome: RunOutcome?
            switch item {
            case .socket(let socketItem):
                lastSocketItem = .now
                outcome = await handle(socketItem)
            case .socketEnded:
                socketLive = false
                outcome = nil
            case .tick:
                if let settled {
                    if ContinuousClock.now >= settled.deadline { return settled.outcome }
                    continue
                }
                let found = await tick(polling: polling)
                if let found, socketLive {
                    settled = (found, ContinuousClock.now + .milliseconds(150))
                    outcome = nil
                } else {
                    outcome = found
                }
            case .cancel:
                cancelRequested = true
                try? await client.cancel(promptID: promptID)
                // A prompt removed while pending leaves no history: look at the queue now.
                outcome = await checkQueue()
            }
            if let outcome { return outcome }
        }
        return .failed(.interrupted(node: nil), promptID: promptID, duration: elapsed)
    }

    private var elapsed: Double { submittedAt.secondsElapsed }

    // MARK: Socket events

    private mutating func handle(_ item: SocketItem) async -> RunOutcome? {
        switch item {
        case .message(let message):
            lastSignal = .now
            return await handle(message)
        case .preview(let preview):
            lastSignal = .now
            emit(.preview(preview))
        case .nodeText(let node, let text):
            emit(.nodeText(node: node, text: text))
        case .queueChanged:
            if !frames.started { await reportQueuePosition() }
        case .connectionLost:
            socketLive = false
            emit(.connectionLost)
        case .reconnected:
            socketLive = true
            emit(.reconnected)
            // The end may have passed while we were away, or the server restarted and forgot the prompt.
            return await confirmKnown()
        }
        return nil
    }

    private mutating func handle(_ message: ServerMessage) async -> RunOutcome? {
        switch frames.apply(message) {
        case .none:
            return nil
        case .output(let node, let output):
            collected[node] = .object(output)
            return nil
        case .ended:
            if let settled { return settled.outcome }
            return await collect(after: message)
        }
    }

    // MARK: Polling

    private mutating func tick(polling: Bool) async -> RunOutcome? {
        let now = ContinuousClock.now
        if let limit = inactivityTimeout, now - lastSignal >= limit {
            try? await client.cancel(promptID: promptID)
            return finish(.failed(.timeout(limit), promptID: promptID, duration: elapsed))
        }
        if let since = unreachableSince, now - since >= RunFollower.unreachableLimit {
            return finish(.failed(.server(.unreachable(server: client.server.description, reason: "no answer for \(RunFollower.unreachableLimit.formattedSeconds)")), promptID: promptID, duration: elapsed))
        }
        let silent = now - lastSocketItem >= RunFollower.silencePoll && now - lastHistoryPoll >= RunFollower.silencePoll
        if polling || !socketLive || silent || cancelRequested {
            if let outcome = await pollHistory() { return outcome }
        }
        if polling || cancelRequested || !socketLive, lastQueuePoll.map({ now - $0 >= .seconds(1) }) ?? true {
            if let outcome = await checkQueue() { return outcome }
        }
        return nil
    }

    /// One look at `/history`; the outcome when the prompt has ended. When the server answers again after
    /// it could not be reached, it may be a new process: the prompt is looked for in its queue too.
    private mutating func pollHistory() async -> RunOutcome? {
        lastHistoryPoll = .now
        do {
            let entry = try await client.history(promptID: promptID)
            let wasAway = unreachableSince != nil
            unreachableSince = nil
            // It may be another server process now, of another version.
            if wasAway { await client.jobsAPI.forget() }
            if let entry {
                let history = HistoryEntry(entry)
                if let span = history.executionSpan { executionTimes?.record(span, for: workflow) }
                return finish(outcome(from: history))
            }
            return wasAway ? await confirmKnown() : nil
        } catch {
            if unreachableSince == nil { unreachableSince = .now }
            return nil
        }
    }

    /// After a reconnect or an outage: the outcome if the prompt ended meanwhile, a failure if the server no
    /// longer knows it (a restarted ComfyUI keeps no queue), `nil` while it is still queued or running.
    private mutating func confirmKnown() async -> RunOutcome? {
        let whereabouts = await PromptLookup(client: client, queueReader: queueReader).whereabouts(of: promptID)
        lastQueuePoll = .now
        switch whereabouts {
        case .waiting?, nil:
            return nil
        case .ended(let entry)?:
            return finish(outcome(from: HistoryEntry(entry)))
        case .unknown? where cancelRequested:
            // A prompt we removed from the queue leaves no history: that is our cancel, not a loss.
            return finish(.failed(.interrupted(node: nil), promptID: promptID, duration: elapsed))
        case .unknown?:
            return finish(.failed(.server(.promptLost(server: client.server.description, promptID: promptID)), promptID: promptID, duration: elapsed))
        }
    }

    /// Queue position while pending; a cancelled prompt that left the queue without history ended here.
    private mutating func checkQueue() async -> RunOutcome? {
        // Requested after its submission and at most `queueSnapshotAge` ago, so that the runs of a kit waiting
        // together share one listing instead of each needing its own; after a cancel, fresher than now.
        let since = cancelRequested ? ContinuousClock.now : max(submittedAt, ContinuousClock.now - RunFollower.queueSnapshotAge)
        lastQueuePoll = .now
        guard let queue = try? await queueReader.queue(requestedAfter: since) else { return nil }
        if let position = queue.position(of: promptID) {
            lastSignal = .now
            if position != lastPosition {
                lastPosition = position
                emit(.queued(position: position))
            }
        } else if queue.isRunning(promptID) {
            lastSignal = .now
            frames.markStarted()
        } else if cancelRequested {
            do {
                guard let entry = try await client.history(promptID: promptID) else {
                    return finish(.failed(.interrupted(node: nil), promptID: promptID, duration: elapsed))
                }
                return finish(outcome(from: HistoryEntry(entry)))
            } catch {
                return nil
            }
        }
        return nil
    }

    private mutating func reportQueuePosition() async {
        guard reportsPosition, !frames.started, lastQueuePoll.map({ ContinuousClock.now - $0 >= .milliseconds(250) }) ?? true else { return }
        _ = await checkQueue()
    }

    /// The prompt ended on the socket: read the result from `/history`, retrying across the race
    /// between `execution_success` and the history write: the socket can say "done" a few ms before history has the entry.
    private mutating func collect(after message: ServerMessage) async -> RunOutcome {
        var delay: Duration = .milliseconds(5)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let outcome = await pollHistory() { return outcome }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .milliseconds(500))
        }
        // History never came: build what the socket told us.
        let failure: RunFailure? = switch message {
        case .executionError(_, let failure): .execution(failure)
        case .executionInterrupted(_, let node, _): .interrupted(node: node)
        default: nil
        }
        let result = ResultBuilder(base: client.server.baseURL, outputNames: spec.outputNames)
            .result(outputs: collected, promptID: promptID, duration: elapsed, status: failure?.status ?? .completed, msg: failure?.description)
        return finish(RunOutcome(result: result, failure: failure))
    }

    private func outcome(from entry: HistoryEntry) -> RunOutcome {
        entry.outcome(base: client.server.baseURL, outputNames: spec.outputNames, promptID: promptID, duration: elapsed)
    }

    private mutating func finish(_ outcome: RunOutcome) -> RunOutcome {
        if outcome.result.status == .completed { frames.complete() }
        return outcome
    }
}
