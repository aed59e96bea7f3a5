/// When the HTTP executor, which has no socket to hear a prompt's end on, looks at `/history` next.
///
/// It backs off from 5 ms by ×1.5 up to 500 ms. When it knows how long the server took to execute the last run of
/// the same workflow (``ExecutionTimes``) and the prompt was not waiting behind others, it also looks every
/// millisecond around that time, at most ``denseLooks`` times: the end is then seen about when a socket would
/// have told it, not up to a backoff step later, and a wrong guess costs a few requests, not a stream of them.
struct HistoryPollSchedule {
    static let firstDelay: Duration = .milliseconds(5)
    static let longestDelay: Duration = .milliseconds(500)
    static let denseInterval: Duration = .milliseconds(1)
    /// Looks spent around the expected end at most.
    static let denseLooks = 10

    /// The expected time from submission to the end; `nil` backs off only.
    let expected: Duration?
    private var backoff = firstDelay
    private var denseLeft = denseLooks

    init(expected: Duration?) {
        self.expected = expected
    }

    /// The pause before the next look, `elapsed` after the prompt was submitted.
    mutating func delay(after elapsed: Duration) -> Duration {
        if let window = denseWindow, denseLeft > 0, elapsed < window.upperBound {
            if elapsed >= window.lowerBound {
                denseLeft -= 1
                return Self.denseInterval
            }
            // Not past the window's opening on the way there.
            if window.lowerBound - elapsed < backoff { return window.lowerBound - elapsed }
        }
        defer { backoff = min(backoff * 1.5, Self.longestDelay) }
        return backoff
    }

    /// From shortly before the expected end (the server's timestamps are whole milliseconds) to a quarter after it.
    private var denseWindow: Range<Duration>? {
        guard let expected else { return nil }
        let opens = max(.zero, expected - .milliseconds(2))
        return opens..<(expected + max(.milliseconds(4), expected / 4))
    }
}
