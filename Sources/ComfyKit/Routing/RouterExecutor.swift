import Synchronization
import Foundation

/// Runs each job on the server with the least work among those that can run it: the third implementation
/// of the executor seam, over one ``ComfyUIExecutor`` per server.
struct RouterExecutor: Executor {
    /// One server the router may use.
    struct Member: Sendable {
        let name: String
        let client: ComfyUIClient
        let queueReader: SharedQueueReader
        let executor: ComfyUIExecutor
        let objectInfo: ObjectInfoStore
    }

    let members: [Member]
    let state: RouterState
    /// Told the server's name when a job is sent there (for the run's record and the screen).
    let onRouted: @Sendable (_ promptIndex: Int, _ server: String) -> Void
    /// Told each server that was passed over because it cannot run the job or does not answer, and why.
    let onSkipped: @Sendable (_ server: String, _ reason: String) -> Void

    /// A router over `members`; routers that share a `state` (one per kit) count each other's waiting prompts.
    init(
        members: [Member], state: RouterState? = nil, onRouted: @escaping @Sendable (Int, String) -> Void = { _, _ in },
        onSkipped: @escaping @Sendable (String, String) -> Void = { _, _ in }
    ) {
        self.members = members
        self.state = state ?? RouterState(count: members.count)
        self.onRouted = onRouted
        self.onSkipped = onSkipped
    }

    func execute(_ job: ExecutionJob, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome {
        var table = RoutingTable(servers: [])
        for (index, member) in members.enumerated() {
            let fit: ServerFit
            let up: Bool
            do {
                fit = ServerFit(job.bound.workflow, objectInfo: ObjectInfo(try await member.objectInfo.objectInfo()))
                up = true
            } catch {
                (fit, up) = (.lacks("its /object_info cannot be read"), false)
            }
            let queue = try? await member.queueReader.queue(requestedAfter: .now - .milliseconds(200))
            let waiting = await state.waiting(index)
            table.servers.append(.init(name: member.name, queueLength: queue.map { $0.running.count + $0.pending.count } ?? 0,
                                       ourWaiting: waiting, fit: fit, isUp: up && queue != nil))
        }
        for server in table.servers where !server.isUp || server.fit != .fits {
            onSkipped(server.name, server.isUp ? { if case .lacks(let what) = server.fit { what } else { "" } }() : "not answering")
        }
        let chosen: Int
        switch await state.reserve(table) {
        case .success(let index): chosen = index
        case .failure(let error): return .failed(.unsupported(error.description))
        }
        onRouted(await state.nextPromptIndex(), members[chosen].name)
        let started = StartLatch { Task { await state.started(chosen) } }
        let outcome = await members[chosen].executor.execute(job, control: control) { event in
            if case .started = event { started.fire() }
            emit(event)
        }
        started.fire()
        return outcome
    }
}

/// Our prompts per server that were sent and have not started: the part of a server's work `/queue` may not show yet.
actor RouterState {
    private var waiting: [Int]
    private var promptCount = 0

    init(count: Int) { waiting = Array(repeating: 0, count: count) }

    func waiting(_ index: Int) -> Int { waiting[index] }

    /// Chooses with our latest counts and counts the prompt at once, so that concurrent choices spread out.
    func reserve(_ table: RoutingTable) -> Result<Int, RoutingError> {
        var current = table
        for index in current.servers.indices { current.servers[index].ourWaiting = waiting[index] }
        let choice = current.choose()
        if case .success(let index) = choice { waiting[index] += 1 }
        return choice
    }

    func started(_ index: Int) { waiting[index] = max(0, waiting[index] - 1) }

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
