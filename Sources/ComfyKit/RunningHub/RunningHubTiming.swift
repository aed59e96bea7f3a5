/// How often and how patiently the RunningHub executor talks to RunningHub.
public struct RunningHubTiming: Hashable, Sendable {
    /// Between two looks at a task's state (`/task/openapi/outputs`).
    public var pollInterval: Duration
    /// Before the first retry of a request that failed on the way; doubled for each further retry, up to ``maxRetryDelay``.
    public var retryDelay: Duration
    /// The longest wait between two retries, however many failed before.
    public var maxRetryDelay: Duration
    /// How many times `create` is tried again while RunningHub answers 421 (queue full).
    public var queueFullAttempts: Int
    /// One request's limit (not the task's: that is `runningHubTimeout`).
    public var requestTimeout: Duration
    /// One upload's limit.
    public var uploadTimeout: Duration
    /// How long polling may fail in a row (network errors) before the run gives up.
    public var unreachableLimit: Duration
    /// How many unknown states in a row end the run.
    public var unknownStateLimit: Int

    /// Timing for RunningHub; the defaults poll every 2 s, retry after 1 s doubling up to 30 s, and give up after 300 s unreachable.
    public init(
        pollInterval: Duration = .seconds(2), retryDelay: Duration = .seconds(1), maxRetryDelay: Duration = .seconds(30),
        queueFullAttempts: Int = 20, requestTimeout: Duration = .seconds(60), uploadTimeout: Duration = .seconds(600),
        unreachableLimit: Duration = .seconds(300), unknownStateLimit: Int = 150
    ) {
        self.pollInterval = pollInterval
        self.retryDelay = retryDelay
        self.maxRetryDelay = maxRetryDelay
        self.queueFullAttempts = queueFullAttempts
        self.requestTimeout = requestTimeout
        self.uploadTimeout = uploadTimeout
        self.unreachableLimit = unreachableLimit
        self.unknownStateLimit = unknownStateLimit
    }

    /// The delay before retry number `attempt` (0-based).
    func backoff(_ attempt: Int) -> Duration {
        var delay = retryDelay
        for _ in 0..<min(attempt, 16) { delay = delay * 2 }
        return min(delay, maxRetryDelay)
    }
}
