/// A run in progress: its events as they happen, a way to cancel it, and its outcome.
///
/// ```swift
/// let run = kit.run(.file(path: "flows/txt2img.json"), params: ["prompt": "a red fox"])
/// for await event in run.events { print(event) }
/// let result = await run.result
/// ```
public final class RunHandle: Sendable {
    /// Every event of the run, ending with `RunEvent.finished(_:)`. One consumer; events not read
    /// are buffered (the newest 10,000), so a caller that only wants the result may ignore them.
    public let events: AsyncStream<RunEvent>
    private let control: RunControl
    private let task: Task<RunOutcome, Never>

    package init(events: AsyncStream<RunEvent>, control: RunControl, task: Task<RunOutcome, Never>) {
        self.events = events
        self.control = control
        self.task = task
    }

    /// Starts `body` in a task of its own and returns its handle: events go out as `body` emits them, then
    /// ``RunEvent/finished(_:)`` with the outcome `body` returns.
    static func start(
        _ body: @escaping @Sendable (_ control: RunControl, _ emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome
    ) -> RunHandle {
        let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        let control = RunControl()
        let task = Task {
            let outcome = await body(control) { continuation.yield($0) }
            continuation.yield(.finished(outcome))
            continuation.finish()
            return outcome
        }
        return RunHandle(events: events, control: control, task: task)
    }

    /// Cancels the run: removes it from the server's queue, or interrupts it if it is running.
    /// The run still ends with a result (status `interrupted`, or whatever it reached first).
    public func cancel() {
        Task { await control.cancel() }
    }

    /// The result and, for failures, the typed reason.
    ///
    /// Cancelling the task that waits here cancels the run, as ``cancel()`` does; the run then ends
    /// `interrupted` (or with whatever it reached first) and that outcome is returned.
    public var outcome: RunOutcome {
        get async {
            await withTaskCancellationHandler {
                await task.value
            } onCancel: {
                cancel()
            }
        }
    }

    /// The result of a run that completed; one that did not throws its typed reason.
    ///
    /// ```swift
    /// let result = try await kit.run(.file(path: "txt2img.json"), params: ["prompt": "a fox"]).value
    /// ```
    public var value: ExecuteResult {
        get async throws(RunFailure) { try await outcome.get() }
    }

    /// The result (`ExecuteResult`) once the run has ended; cancelling the waiting task cancels the run.
    public var result: ExecuteResult {
        get async { await outcome.result }
    }
}
