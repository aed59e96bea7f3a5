import Synchronization
import Foundation

/// Runs each job on the server with the least work among those that can run it: the third implementation
/// of the executor seam, over one ``ComfyUIExecutor`` per server and, when asked, RunningHub (up to its
/// concurrency limit).
///
/// A server that stops answering loses its prompts that had not started: they are sent to another server
/// (``onRerouted``). A prompt that was running there is reported lost, never re-run silently; with
/// ``RunOptions/retryLost`` it is re-run elsewhere. A server that answers again is chosen again.
struct RouterExecutor: Executor {
    /// One server the router may use: a ComfyUI server, or RunningHub when asked for.
    struct Member: Sendable {
        let name: String
        let executor: any Executor
        /// How busy the server is, as last heard.
        let load: ServerLoad
        /// Asks the server how busy it is (an answer requested at or after the instant given is shared); false when it
        /// does not answer.
        let probe: @Sendable (_ requestedAfter: ContinuousClock.Instant) async -> Bool
        /// Whether the server can run a workflow, and if not, what it lacks.
        let fit: @Sendable (_ workflow: Workflow) async -> ServerFit

        init(
            name: String, executor: any Executor, load: ServerLoad,
            probe: @escaping @Sendable (ContinuousClock.Instant) async -> Bool, fit: @escaping @Sendable (Workflow) async -> ServerFit
        ) {
            self.name = name
            self.executor = executor
            self.load = load
            self.probe = probe
            self.fit = fit
        }

        /// A ComfyUI server: its load from `/queue` and the socket, its fit from its `/object_info`.
        init(name: String, client: ComfyUIClient, queueReader: SharedQueueReader, executor: ComfyUIExecutor, objectInfo: ObjectInfoStore) {
            self.init(
                name: name, executor: executor, load: queueReader.load,
                probe: { instant in (try? await queueReader.queue(requestedAfter: instant)) != nil },
                fit: { workflow in
                    guard let catalog = try? await objectInfo.catalog() else { return .lacks("its /object_info cannot be read") }
                    return ServerFit(workflow, objectInfo: catalog)
                })
        }
    }

    let members: [Member]
    let state: RouterState
    /// Told the server's name when a job is sent there (for the run's record and the screen).
    let onRouted: @Sendable (_ promptIndex: Int, _ server: String) -> Void
    /// Told each server that was passed over because it cannot run the job or does not answer, and why.
    let onSkipped: @Sendable (_ server: String, _ reason: String) -> Void
    /// Told when a job leaves a server that stopped answering for another one, and why.
    let onRerouted: @Sendable (_ from: String, _ to: String, _ reason: String) -> Void

    /// A queue length older than this is asked for again before a decision (`/queue` answers of this age are shared).
    static let freshness: Duration = .milliseconds(200)
    /// A server that has not answered for this long is down: its waiting prompts go elsewhere.
    static let downAfter: Duration = .milliseconds(1500)
    /// How often a run's server is asked whether it still answers.
    static let watchPeriod: Duration = .milliseconds(500)
    /// How long a prompt that only a server at its concurrency limit can take waits before the next decision.
    static let fullPause: Duration = .milliseconds(250)

    /// A router over `members`; routers that share a `state` (one per kit) count each other's waiting prompts.
    init(
        members: [Member], state: RouterState? = nil, onRouted: @escaping @Sendable (Int, String) -> Void = { _, _ in },
        onSkipped: @escaping @Sendable (String, String) -> Void = { _, _ in },
        onRerouted: @escaping @Sendable (String, String, String) -> Void = { _, _, _ in }
    ) {
        self.members = members
        self.state = state ?? RouterState(count: members.count)
        self.onRouted = onRouted
        self.onSkipped = onSkipped
        self.onRerouted = onRerouted
    }

    func execute(_ job: ExecutionJob, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome {
        var excluded: Set<Int> = []
        var previous: (server: String, reason: String)?
        while true {
            let table = await table(for: job, excluding: excluded)
            let reservation: RouterState.Reservation
            switch await state.reserve(table) {
            case .success(let reserved): reservation = reserved
            case .failure(let error) where error.someAreFull:
                // Only servers at their concurrency limit could run it: wait for one of their prompts to end.
                try? await Task.sleep(for: Self.fullPause)
                if await control.isCancelled { return .failed(.interrupted(node: nil)) }
                continue
            case .failure(let error):
                if let previous { return .failed(.server(.unreachable(server: previous.server, reason: previous.reason))) }
                return .failed(.unsupported(error.description))
            }
            let chosen = reservation.server
            let name = members[chosen].name
            if let previous { onRerouted(previous.server, name, previous.reason) } else { onRouted(await state.nextPromptIndex(), name) }
            let attempt = await run(job, on: reservation, control: control, emit: emit)
            await state.ended(chosen)
            switch attempt {
            case .finished(let outcome):
                return outcome
            case .serverDown(started: false, let promptID):
                excluded.insert(chosen)
                previous = (name, "stopped answering before \(promptID.map { "prompt \($0)" } ?? "the prompt") started there")
            case .serverDown(started: true, let promptID):
                let what = promptID.map { "prompt \($0)" } ?? "the prompt"
                guard job.options.retryLost else {
                    return .failed(.server(.unreachable(
                        server: name, reason: "stopped answering while \(what) ran there: it is lost and was not re-run (retry lost prompts to run it elsewhere)")),
                        promptID: promptID)
                }
                excluded.insert(chosen)
                previous = (name, "stopped answering while \(what) ran there (lost; run again as asked)")
            }
            if await control.isCancelled { return .failed(.interrupted(node: nil)) }
        }
    }

    /// The servers as the next decision sees them: fit from each `/object_info` (kept per kit), queue lengths
    /// as last heard (asked again when older than ``freshness``), our waiting prompts.
    private func table(for job: ExecutionJob, excluding excluded: Set<Int>) async -> RoutingTable {
        var table = RoutingTable(servers: [])
        let now = ContinuousClock.now
        for (index, member) in members.enumerated() {
            var load = member.load.snapshot
            if load.failingSince == nil, load.heardAt.map({ now - $0 >= Self.freshness }) ?? true {
                _ = await member.probe(now - Self.freshness)
                load = member.load.snapshot
            } else if load.failingSince != nil {
                // A server that is down is asked in the background, so that it is used again once it answers.
                Task { _ = await member.probe(now) }
            }
            let fit: ServerFit = excluded.contains(index) ? .lacks("stopped answering during this prompt") : await member.fit(job.bound.workflow)
            table.servers.append(.init(
                name: member.name, queueLength: load.queueLength, ourWaiting: 0, fit: fit,
                isUp: load.failingSince == nil && load.heardAt != nil, limit: load.limit, heardAt: load.heardAt))
        }
        for server in table.servers where !server.isUp || server.fit != .fits {
            onSkipped(server.name, server.reason)
        }
        return table
    }

    /// How one attempt on one server ended.
    enum Attempt: Sendable {
        case finished(RunOutcome)
        /// The server stopped answering; whether the prompt had started there, and its id if it was accepted.
        case serverDown(started: Bool, promptID: String?)
    }

    /// Runs `job` on `members[index]` while watching that the server answers; a server that stops answering
    /// ends the attempt at once (its run is cancelled in the background and its events no longer forwarded).
    private func run(
        _ job: ExecutionJob, on reservation: RouterState.Reservation, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void
    ) async -> Attempt {
        let member = members[reservation.server]
        let inner = RunControl()
        let started = StartLatch { Task { await state.started(reservation) } }
        let progress = AttemptProgress(onStart: started.fire, onAccepted: { instant in Task { await state.accepted(reservation, at: instant) } })
        let end = AttemptEnd()
        await control.onCancel { Task { await inner.cancel() } }
        Task {
            let outcome = await member.executor.execute(job, control: inner) { event in
                if progress.forward(event) { emit(event) }
            }
            let seen = progress.seen
            if !seen.started, await !inner.isCancelled, await Self.failedForLackOfAnswer(outcome, from: member) {
                end.report(.serverDown(started: false, promptID: seen.promptID))
            } else {
                end.report(.finished(outcome))
            }
        }
        let watch = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.watchPeriod)
                if Task.isCancelled { return }
                _ = await member.probe(.now - .milliseconds(400))
                if let down = member.load.snapshot.downFor(at: .now), down >= Self.downAfter {
                    let seen = progress.seen
                    end.report(.serverDown(started: seen.started, promptID: seen.promptID))
                    return
                }
            }
        }
        // Waited for even when the caller is cancelled (a sweep stopped): its prompt's cancel must reach the server
        // before the caller moves on.
        let attempt = await end.wait()
        watch.cancel()
        started.fire()
        if case .serverDown = attempt {
            progress.stopForwarding()
            // The abandoned run removes its prompt from the server should it answer again, so it never runs twice.
            await inner.cancel()
        }
        return attempt
    }

    /// A run that failed before it started because its server went away (no answer, a connection closed in the
    /// middle of an answer), not because the server refused the prompt: the server does not answer `/queue` now.
    static func failedForLackOfAnswer(_ outcome: RunOutcome, from member: Member) async -> Bool {
        switch outcome.failure {
        case .server(.unreachable)?, .server(.answerLost)?, .runningHub(.unreachable)?: return true
        // An upload refused because the server went away (or anything else it says) moves when it no longer answers.
        case .server?, .upload?: return await !member.probe(.now)
        default: return false
        }
    }
}

/// The first end an attempt reports (its run's, or its watch's that the server went away), waited for whether or not
/// the waiting task is cancelled.
final class AttemptEnd: Sendable {
    private let state = Mutex<(ended: RouterExecutor.Attempt?, waiter: CheckedContinuation<RouterExecutor.Attempt, Never>?)>((nil, nil))

    /// The attempt ended so; later reports are ignored.
    func report(_ attempt: RouterExecutor.Attempt) {
        let waiter = state.withLock { state -> CheckedContinuation<RouterExecutor.Attempt, Never>? in
            guard state.ended == nil else { return nil }
            state.ended = attempt
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: attempt)
    }

    /// The first report, once there is one.
    func wait() async -> RouterExecutor.Attempt {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state -> RouterExecutor.Attempt? in
                if state.ended == nil { state.waiter = continuation }
                return state.ended
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }
}

/// What one attempt's run has shown so far, and whether its events still reach the caller.
final class AttemptProgress: Sendable {
    private let state = Mutex((started: false, promptID: String?.none, forwarding: true))
    private let onStart: @Sendable () -> Void
    private let onAccepted: @Sendable (ContinuousClock.Instant) -> Void

    init(onStart: @escaping @Sendable () -> Void, onAccepted: @escaping @Sendable (ContinuousClock.Instant) -> Void = { _ in }) {
        self.onStart = onStart
        self.onAccepted = onAccepted
    }

    /// Notes the event; true while it should be forwarded.
    func forward(_ event: RunEvent) -> Bool {
        switch event {
        case .started: onStart()
        // Taken when the event comes, not when the router's actor gets to it: a queue heard in between holds the prompt.
        case .submitted: onAccepted(.now)
        default: break
        }
        return state.withLock { state in
            switch event {
            case .started: state.started = true
            case .submitted(let promptID): state.promptID = promptID
            default: break
            }
            return state.forwarding
        }
    }

    var seen: (started: Bool, promptID: String?) { state.withLock { ($0.started, $0.promptID) } }

    func stopForwarding() { state.withLock { $0.forwarding = false } }
}

/// Our prompts per server that were sent and have not started, and those that have not ended (against a server's
/// concurrency limit).
///
/// A server's queue as last heard already holds our prompts it had accepted by then (ComfyUI queues a prompt before
/// it answers `POST /prompt`, and its `status` message follows the change): only ours on the way there, or accepted
/// after that, are added to it, so that our own prompts never count twice against another client's.
actor RouterState {
    /// One prompt's place among our waiting ones.
    struct Reservation: Sendable, Equatable {
        let server: Int
        let token: Int
    }

    /// Per server: our prompts on their way there (reserved, not yet accepted), by token.
    private var onTheWay: [Set<Int>]
    /// Per server: our prompts it accepted and has not started, by when it accepted them (earliest first).
    private var accepted: [[(instant: ContinuousClock.Instant, token: Int)]]
    private var inFlight: [Int]
    private var promptCount = 0
    private var nextToken = 0

    init(count: Int) {
        onTheWay = Array(repeating: [], count: count)
        accepted = Array(repeating: [], count: count)
        inFlight = Array(repeating: 0, count: count)
    }

    /// Our prompts on server `index` that its queue as heard at `heardAt` does not hold yet: those on their way, and
    /// those accepted after it (a binary search: a decision stays cheap with a thousand prompts in flight).
    func unseen(_ index: Int, heardAt: ContinuousClock.Instant?) -> Int {
        let list = accepted[index]
        guard let heardAt else { return onTheWay[index].count + list.count }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].instant > heardAt { high = middle } else { low = middle + 1 }
        }
        return onTheWay[index].count + list.count - low
    }

    /// Chooses with our latest counts and counts the prompt at once, so that concurrent choices spread out.
    func reserve(_ table: RoutingTable) -> Result<Reservation, RoutingError> {
        var current = table
        for index in current.servers.indices {
            current.servers[index].ourWaiting = unseen(index, heardAt: current.servers[index].heardAt)
            current.servers[index].ourInFlight = inFlight[index]
        }
        switch current.choose() {
        case .success(let index):
            let reservation = Reservation(server: index, token: nextToken)
            nextToken += 1
            onTheWay[index].insert(reservation.token)
            inFlight[index] += 1
            return .success(reservation)
        case .failure(let error):
            return .failure(error)
        }
    }

    /// The server accepted the prompt at `instant`: a queue heard after that holds it.
    func accepted(_ reservation: Reservation, at instant: ContinuousClock.Instant) {
        guard onTheWay[reservation.server].remove(reservation.token) != nil else { return }
        // Acceptances come nearly in order: the place is found from the end.
        var place = accepted[reservation.server].endIndex
        while place > 0 && accepted[reservation.server][place - 1].instant > instant { place -= 1 }
        accepted[reservation.server].insert((instant, reservation.token), at: place)
    }

    /// The prompt started (or its attempt ended before it could).
    func started(_ reservation: Reservation) {
        guard onTheWay[reservation.server].remove(reservation.token) == nil else { return }
        if let place = accepted[reservation.server].firstIndex(where: { $0.token == reservation.token }) {
            accepted[reservation.server].remove(at: place)
        }
    }

    /// The prompt's attempt there ended, however it ended.
    func ended(_ index: Int) { inFlight[index] = max(0, inFlight[index] - 1) }

    func nextPromptIndex() -> Int {
        defer { promptCount += 1 }
        return promptCount
    }
}

/// Runs an action once, from whichever of several places gets there first.
final class StartLatch: Sendable {
    private let action: @Sendable () -> Void
    private let fired = Mutex(false)

    init(_ action: @escaping @Sendable () -> Void) { self.action = action }

    func fire() {
        let first = fired.withLock { done in
            defer { done = true }
            return !done
        }
        if first { action() }
    }
}
