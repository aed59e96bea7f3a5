import Foundation

/// Per-run settings.
public struct RunOptions: Hashable, Sendable {
    /// Overrides the configuration's executor for this run.
    public var executor: ExecutorKind?
    /// How params are bound (unknown names, the seed rule).
    public var bind: BindOptions
    /// End the run with status `timeout` (and interrupt it on the server) after this long without
    /// any sign of life; `nil` waits as long as the run goes on. Long videos are normal.
    /// For RunningHub runs, the whole task's limit instead (else `runningHubTimeout`).
    public var inactivityTimeout: Duration?
    /// RunningHub only: where RunningHub posts `TASK_END` when the task ends.
    public var webhookURL: URL?

    /// Over several servers: a prompt that was running on a server that stopped answering is run again on
    /// another one. Off by default: such a prompt is reported lost (it may have done its work, or part of it).
    public var retryLost: Bool

    /// Options for one run; the defaults use the configuration's executor, bind with `BindOptions` defaults and never time out.
    public init(
        executor: ExecutorKind? = nil, bind: BindOptions = BindOptions(), inactivityTimeout: Duration? = nil, webhookURL: URL? = nil,
        retryLost: Bool = false
    ) {
        self.retryLost = retryLost
        self.executor = executor
        self.bind = bind
        self.inactivityTimeout = inactivityTimeout
        self.webhookURL = webhookURL
    }
}
