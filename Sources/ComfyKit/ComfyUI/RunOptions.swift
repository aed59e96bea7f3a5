/// Per-run settings.
public struct RunOptions: Hashable, Sendable {
    /// Overrides the configuration's executor for this run.
    public var executor: ExecutorKind?
    /// How params are bound (unknown names, the seed rule).
    public var bind: BindOptions
    /// End the run with status `timeout` (and interrupt it on the server) after this long without
    /// any sign of life; `nil` waits as long as the run goes on. Long videos are normal.
    public var inactivityTimeout: Duration?

    public init(executor: ExecutorKind? = nil, bind: BindOptions = BindOptions(), inactivityTimeout: Duration? = nil) {
        self.executor = executor
        self.bind = bind
        self.inactivityTimeout = inactivityTimeout
    }
}
