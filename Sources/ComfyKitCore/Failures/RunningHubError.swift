/// A failure talking to RunningHub (not a failure of the workflow itself).
///
/// Messages never hold the API key: bodies quoted from the server are scrubbed of it first.
public enum RunningHubError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No `RUNNINGHUB_API_KEY` (or `runningHubAPIKey`) is configured.
    case missingAPIKey(site: String)
    /// The envelope's `code` is not 0: `{"code": 806, "msg": "APIKEY_USER_NOT_FOUND"}`.
    case api(endpoint: String, code: Int, msg: String, site: String)
    /// An HTTP status other than 200.
    case http(endpoint: String, status: Int, body: String)
    /// No answer: refused, DNS, TLS, timeout, closed.
    case unreachable(site: String, endpoint: String, reason: String)
    /// An answer that cannot be read.
    case badResponse(endpoint: String, reason: String)
    /// A media file over RunningHub's per-file upload limit, refused before sending.
    case fileTooLarge(path: String, bytes: Int64, limit: Int64)
    /// `create` was sent but its answer was lost: a task may exist. It is not re-sent, so that a run
    /// is never paid twice.
    case createUnconfirmed(site: String, reason: String)
    /// The configured time limit for the task ran out (the task was cancelled on RunningHub).
    case timedOut(taskID: String, after: Duration)
    /// RunningHub kept answering with a state this client does not know.
    case unknownState(taskID: String, last: String, polls: Int)

    /// A message naming the endpoint and site, with a hint for the API codes that have a usual cause.
    public var description: String {
        switch self {
        case .missingAPIKey(let site):
            "RunningHub workflows need an API key: set RUNNINGHUB_API_KEY (a key from \(site); keys are per site, "
                + "set RUNNINGHUB_BASE_URL=https://www.runninghub.cn for a .cn account)"
        case .api(let endpoint, let code, let msg, let site):
            "RunningHub \(endpoint) failed: \(code) \(msg)" + RunningHubError.hint(code: code, site: site)
        case .http(let endpoint, let status, let body):
            "RunningHub \(endpoint) failed: HTTP \(status)" + (body.isEmpty ? "" : ": " + String(body.prefix(300)))
        case .unreachable(let site, let endpoint, let reason):
            "cannot reach RunningHub at \(site) (\(endpoint)): \(reason)"
        case .badResponse(let endpoint, let reason):
            "RunningHub \(endpoint): unexpected answer: \(reason)"
        case .fileTooLarge(let path, let bytes, let limit):
            "\(path) is \(bytes) bytes; RunningHub accepts at most \(limit) bytes (\(limit >> 20) MB) per file"
        case .createUnconfirmed(let site, let reason):
            "the task was sent to RunningHub (\(site)) but its answer was lost (\(reason)); it may have been created. "
                + "It was not sent again, so that it is not paid twice: check your task list on RunningHub"
        case .timedOut(let taskID, let after):
            "RunningHub task \(taskID) did not finish within \(after.formattedSeconds); it was cancelled"
        case .unknownState(let taskID, let last, let polls):
            "RunningHub task \(taskID): \(polls) answers in a row that are not a known task state (last: \(last))"
        }
    }

    /// What a user can do about the codes that have a usual cause.
    static func hint(code: Int, site: String) -> String {
        switch code {
        case 806, 802:
            " (the key is not known on \(site); keys are per site: a .cn key needs RUNNINGHUB_BASE_URL=https://www.runninghub.cn, a .ai key https://www.runninghub.ai)"
        case 380: " (no workflow with this id: check the id in the RunningHub web UI)"
        case 810: " (save the workflow and run it once in the RunningHub web UI first)"
        case 803: " (the params do not match the workflow's nodes)"
        case 421: " (your queue is full; try again later)"
        case 435: " (this workflow needs the 48 GB machines: set RUNNINGHUB_INSTANCE_TYPE=plus)"
        default: ""
        }
    }

    /// The result status this failure ends a run with.
    var status: RunStatus {
        if case .timedOut = self { .timeout } else { .error }
    }
}
