import Foundation
import Synchronization

extension ComfyKit {
    /// Runs many prompts of one workflow over this kit's servers: every combination of `vary`'s values, each
    /// `count` times, the seeds as `seedMode` says, routed prompt by prompt to the server with the least work.
    ///
    /// ```swift
    /// let loaded = try await kit.load(.file(path: "txt2img.json"))
    /// let steps = Variation(param: "steps", values: [.int(10), .int(20)])
    /// for await event in kit.sweep(loaded, base: ["prompt": "a fox"], vary: [steps], count: 2, seedMode: .increment) {
    ///     if case .finished(let point, let server, let outcome) = event { print(point.varied, server ?? "-", outcome.result.status) }
    /// }
    /// ```
    /// Every value is bound and checked against the servers' `/object_info` (ranges, choices) before anything is
    /// sent; a sweep that fails that check ends with ``SweepEvent/refused(_:)``. Cancelling the task that consumes
    /// the events stops the prompts that have not been sent and interrupts those sent.
    public func sweep(
        _ loaded: LoadedWorkflow, base: [String: ParamValue] = [:], vary: [Variation] = [], count: Int = 1,
        seedMode: SweepPlan.SeedMode = .fixed, options: RunOptions = RunOptions()
    ) -> AsyncStream<SweepEvent> {
        stream { [self] emit in
            await runSweep(emit: emit) { await plan(loaded, base: base, vary: vary, count: count, seedMode: seedMode, options: options) }
        }
    }

    /// ``sweep(_:base:vary:count:seedMode:options:)-(LoadedWorkflow,_,_,_,_,_)`` of a workflow loaded from `source`.
    public func sweep(
        _ source: WorkflowSource, base: [String: ParamValue] = [:], vary: [Variation] = [], count: Int = 1,
        seedMode: SweepPlan.SeedMode = .fixed, options: RunOptions = RunOptions()
    ) -> AsyncStream<SweepEvent> {
        stream { [self] emit in
            let loaded: LoadedWorkflow
            do {
                loaded = try await load(source)
            } catch {
                emit(.refused(.workflow(String(describing: error))))
                return
            }
            await runSweep(emit: emit) { await plan(loaded, base: base, vary: vary, count: count, seedMode: seedMode, options: options) }
        }
    }

    /// Sends exactly `points`, each with the values it carries, as one sweep: the prompts of a sweep an earlier
    /// process planned and never sent (``SweepEvent/planned(_:)`` gave them), resumed with their indices kept.
    ///
    /// ```swift
    /// let rest = planned.filter { !sent.contains($0.index) }
    /// for await event in kit.sweep(loaded, points: rest) { … }
    /// ```
    /// The values are bound and checked against the servers' `/object_info` again before anything is sent.
    public func sweep(_ loaded: LoadedWorkflow, points: [SweepPlan.Point], options: RunOptions = RunOptions()) -> AsyncStream<SweepEvent> {
        stream { [self] emit in
            await runSweep(emit: emit) {
                await plan(loaded, options: options, as: { spec throws(SweepError) in try SweepPlan(spec: spec) }, points: { _ in points })
            }
        }
    }

    /// Waits until every sweep of this kit has ended. One whose consumer stopped reading ends once it has cancelled
    /// the prompts it had not sent and interrupted those it had, so a program that quits after cancelling a sweep
    /// waits here to be sure the servers were told.
    ///
    /// ```swift
    /// consumer.cancel()            // the task reading kit.sweep(…)
    /// await kit.sweepsEnded()      // the running prompts' interrupts were sent
    /// ```
    public func sweepsEnded() async {
        for task in sweepTasks.current() { await task.value }
    }

    /// A stream fed by `body` in a task of its own, which the consumer's cancellation cancels.
    private func stream(_ body: @escaping @Sendable (_ emit: @escaping @Sendable (SweepEvent) -> Void) async -> Void) -> AsyncStream<SweepEvent> {
        let (events, continuation) = AsyncStream.makeStream(of: SweepEvent.self)
        let id = UUID()
        let task = Task { [sweepTasks] in
            await body { continuation.yield($0) }
            continuation.finish()
            sweepTasks.remove(id)
        }
        sweepTasks.add(task, id: id)
        continuation.onTermination = { ending in
            if case .cancelled = ending { task.cancel() }
        }
        return events
    }

    /// Plans the sweep with `planning`, then runs its prompts through the router.
    private func runSweep(
        emit: @escaping @Sendable (SweepEvent) -> Void,
        planning: () async -> Result<[(point: SweepPlan.Point, job: ExecutionJob)], SweepRefusal>
    ) async {
        let prompts: [(point: SweepPlan.Point, job: ExecutionJob)]
        switch await planning() {
        case .success(let planned): prompts = planned
        case .failure(let refusal):
            emit(.refused(refusal))
            return
        }
        emit(.planned(prompts.map(\.point)))
        let skipped = SkippedServers()
        // Two prompts per server in flight: each server has its next prompt queued, and the rest are routed as
        // servers free up, so a slow server gets fewer.
        let window = 2 * (peers.count + 1 + (runningHubLoad == nil ? 0 : 1))
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for (point, job) in prompts {
                if inFlight >= window {
                    await group.next()
                    inFlight -= 1
                }
                if Task.isCancelled { break }
                group.addTask { [self] in
                    await runPoint(point, job: job, skipped: skipped, emit: emit)
                }
                inFlight += 1
            }
            await group.waitForAll()
        }
    }

    /// The sweep's prompts, each bound (the DSL read once) and checked against the servers' `/object_info`; or why it
    /// cannot run.
    private func plan(
        _ loaded: LoadedWorkflow, base: [String: ParamValue], vary: [Variation], count: Int, seedMode: SweepPlan.SeedMode,
        options: RunOptions
    ) async -> Result<[(point: SweepPlan.Point, job: ExecutionJob)], SweepRefusal> {
        await plan(loaded, options: options, as: { spec throws(SweepError) in
            try SweepPlan(spec: spec, variations: vary, count: count, seedMode: seedMode)
        }, points: { plan in
            var generator = SystemRandomNumberGenerator()
            return plan.points(base: base, using: &generator)
        })
    }

    /// The prompts `points` lists for the plan `making` makes of the workflow's DSL, prepared; or why they cannot run.
    private func plan(
        _ loaded: LoadedWorkflow, options: RunOptions, as making: (WorkflowSpec) throws(SweepError) -> SweepPlan,
        points: (SweepPlan) -> [SweepPlan.Point]
    ) async -> Result<[(point: SweepPlan.Point, job: ExecutionJob)], SweepRefusal> {
        guard loaded.runningHubID == nil else { return .failure(.runningHub) }
        let plan: SweepPlan
        do {
            plan = try making(try WorkflowSpec(loaded.workflow))
        } catch let error as SweepError {
            return .failure(.plan(error))
        } catch {
            return .failure(.workflow(String(describing: error)))
        }
        return await prepare(points(plan), of: plan, in: loaded, options: options)
    }

    /// Each point bound into its job (the DSL read once), the values checked against the servers' `/object_info`.
    private func prepare(
        _ points: [SweepPlan.Point], of plan: SweepPlan, in loaded: LoadedWorkflow, options: RunOptions
    ) async -> Result<[(point: SweepPlan.Point, job: ExecutionJob)], SweepRefusal> {
        let spec = plan.spec
        var prompts: [(point: SweepPlan.Point, job: ExecutionJob)] = []
        prompts.reserveCapacity(points.count)
        for point in points {
            switch ExecutionJob.prepare(loaded.workflow, spec: spec, values: point.values, options: options) {
            case .success(var job):
                // A sweep's events carry no place in a queue: asking each server's `/queue` for it would be wasted.
                job.reportsQueuePosition = false
                prompts.append((point, job))
            case .failure(let failure): return .failure(.params(point: point.index, failure))
            }
        }
        var catalogs: [ObjectInfo] = []
        for kit in [self] + peers {
            if let catalog = try? await kit.objectInfoStore.catalog() { catalogs.append(catalog) }
        }
        do {
            try plan.check(points, against: catalogs)
        } catch {
            return .failure(.plan(error))
        }
        return .success(prompts)
    }

    /// Runs one prompt through the router and reports it; cancelling the calling task interrupts it.
    private func runPoint(
        _ point: SweepPlan.Point, job: ExecutionJob, skipped: SkippedServers, emit: @escaping @Sendable (SweepEvent) -> Void
    ) async {
        let server = Mutex<String?>(nil)
        // Chosen here and told before the prompt is sent, so that a record of it can be looked up on its server after
        // the app went away before the server answered.
        var job = job
        let promptID = UUID.systemRandom().uuidString.lowercased()
        job.promptID = promptID
        let routing = RoutingReport(
            always: true,
            onRouted: { name in
                server.withLock { $0 = name }
                emit(.routed(point, server: name))
                if name != ServerReference.runningHubName { emit(.sending(point, server: name, promptID: promptID)) }
            },
            onSkipped: { name, reason in
                if skipped.first(name) { emit(.skipped(server: name, reason: reason)) }
            },
            onRerouted: { from, to, reason in
                server.withLock { $0 = to }
                emit(.rerouted(point, from: from, to: to, reason: reason))
            })
        // Run here, in the sweep's own task, with the events it reports picked as they come: a run handle's task and
        // event stream per prompt cost task switches for every progress event, which a sweep does not show.
        let router = router(kind: job.options.executor ?? configuration.executor, routing: routing)
        let control = RunControl()
        let ended = await withTaskCancellationHandler {
            await router.execute(job, control: control) { event in
                switch event {
                case .submitted(let promptID): emit(.submitted(point, server: server.withLock { $0 } ?? "", promptID: promptID))
                case .started: emit(.started(point, server: server.withLock { $0 } ?? ""))
                default: break
                }
            }
        } onCancel: {
            Task { await control.cancel() }
        }
        emit(.finished(point, server: server.withLock { $0 }, ended))
    }
}

/// The tasks of a kit's sweeps that have not ended, for ``ComfyKit/sweepsEnded()``.
final class SweepTasks: Sendable {
    private let tasks = Mutex<(running: [UUID: Task<Void, Never>], ended: Set<UUID>)>(([:], []))

    func add(_ task: Task<Void, Never>, id: UUID) {
        tasks.withLock { tasks in
            // A sweep that ended before it was added is not kept.
            if tasks.ended.remove(id) == nil { tasks.running[id] = task }
        }
    }

    func remove(_ id: UUID) {
        tasks.withLock { tasks in
            if tasks.running.removeValue(forKey: id) == nil { tasks.ended.insert(id) }
        }
    }

    func current() -> [Task<Void, Never>] { tasks.withLock { Array($0.running.values) } }
}

/// The servers a sweep has already reported as passed over.
final class SkippedServers: Sendable {
    private let names = Mutex<Set<String>>([])

    /// True the first time `server` is given.
    func first(_ server: String) -> Bool { names.withLock { $0.insert(server).inserted } }
}
