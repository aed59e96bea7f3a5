/// Ways to make `/history` slow, failing or late, to exercise a client's polling.
public struct HistoryFaults: Sendable, Equatable {
    /// Every `GET /history…` waits this long before answering.
    public var responseDelay: Duration
    /// The first this many `GET /history…` requests answer `failureStatus` with an empty body.
    public var failingResponses: Int
    /// Status for ``failingResponses`` (a 5xx).
    public var failureStatus: Int
    /// After a prompt completes, the first this many `GET /history/{id}` for it answer `{}` (the history race).
    public var emptyResponsesAfterCompletion: Int
    /// History is written this long *after* `executing {node: null}` is sent, instead of just before it as
    /// the real server does. Zero keeps the real order.
    public var publishDelay: Duration

    public init(
        responseDelay: Duration = .zero,
        failingResponses: Int = 0,
        failureStatus: Int = 500,
        emptyResponsesAfterCompletion: Int = 0,
        publishDelay: Duration = .zero
    ) {
        self.responseDelay = responseDelay
        self.failingResponses = failingResponses
        self.failureStatus = failureStatus
        self.emptyResponsesAfterCompletion = emptyResponsesAfterCompletion
        self.publishDelay = publishDelay
    }
}
