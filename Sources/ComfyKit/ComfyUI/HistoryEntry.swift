import Foundation

/// A finished prompt as `GET /history/{id}` reports it.
struct HistoryEntry: Sendable {
    let outputs: JSONObject
    let succeeded: Bool
    let failure: ExecutionFailure?
    let interruptedAt: (node: String?, classType: String?)?
    /// From the `execution_start` to the `execution_success` timestamp (whole milliseconds of the server's clock),
    /// when both are there.
    let executionSpan: Duration?

    init(_ entry: JSONObject) {
        outputs = entry["outputs"]?.objectValue ?? [:]
        let status = entry["status"]
        succeeded = status?["status_str"]?.stringValue != "error"
        var failure: ExecutionFailure? = nil
        var interrupted: (String?, String?)? = nil
        var started: Int? = nil, succeededAt: Int? = nil
        for message in status?["messages"]?.arrayValue ?? [] {
            guard let pair = message.arrayValue, pair.count == 2, let kind = pair[0].stringValue else { continue }
            switch kind {
            case "execution_start": started = pair[1]["timestamp"]?.intValue
            case "execution_success": succeededAt = pair[1]["timestamp"]?.intValue
            case "execution_error": failure = ExecutionFailure(json: pair[1])
            case "execution_interrupted": interrupted = (pair[1]["node_id"]?.nodeID, pair[1]["node_type"]?.stringValue)
            default: break
            }
        }
        self.failure = failure
        interruptedAt = interrupted
        executionSpan = if let started, let succeededAt, succeededAt >= started { .milliseconds(succeededAt - started) } else { nil }
    }

    /// The run's result with its `/view` URLs, and the typed failure when it did not complete.
    func outcome(base: URL, outputNames: [String: String], promptID: String, duration: Double?) -> RunOutcome {
        let failure = runFailure
        let result = ResultBuilder(base: base, outputNames: outputNames)
            .result(outputs: outputs, promptID: promptID, duration: duration, status: failure?.status ?? .completed, msg: failure?.description)
        return RunOutcome(result: result, failure: failure)
    }

    /// The run's end as a failure, or nil when it succeeded.
    var runFailure: RunFailure? {
        if let interruptedAt { return .interrupted(node: interruptedAt.node) }
        if let failure { return .execution(failure) }
        if !succeeded { return .execution(ExecutionFailure(nodeID: nil, classType: nil, exceptionType: nil, message: "Unknown error")) }
        return nil
    }
}
