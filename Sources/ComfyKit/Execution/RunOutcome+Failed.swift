extension RunOutcome {
    /// A run that ended with `failure`: the result carries its status and message.
    static func failed(_ failure: RunFailure, promptID: String? = nil, duration: Double? = nil) -> RunOutcome {
        RunOutcome(result: ExecuteResult(status: failure.status, promptID: promptID, duration: duration, msg: failure.description), failure: failure)
    }
}

extension ContinuousClock.Instant {
    /// Seconds since this instant, for a result's `duration`.
    var secondsElapsed: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
