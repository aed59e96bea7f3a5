/// Why a run did not complete, typed, for callers that react to the kind of failure
/// (the TUI points validation errors back at form fields). `ExecuteResult.msg` holds its text.
public enum RunFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The workflow could not be loaded.
    case workflow(WorkflowError)
    /// The workflow's DSL cannot be run as written.
    case spec(WorkflowSpecError)
    /// The params given do not fit the workflow (missing, unknown, wrong kind, no such file).
    case params(BindError)
    /// A media param's file or URL could not be uploaded.
    case upload(param: String, reason: String)
    /// The server refused the prompt; each input error names its DSL param when one is bound there.
    case validation(ValidationError)
    /// A node raised while the prompt ran.
    case execution(ExecutionFailure)
    /// Cancelled here or interrupted on the server; the node it stopped at, when known.
    case interrupted(node: String?)
    /// The ComfyUI server could not be reached or answered something unexpected.
    case server(ComfyUIError)
    /// RunningHub refused a request, could not be reached, or the task ran out of time.
    case runningHub(RunningHubError)
    /// No event and no progress for this long.
    case timeout(Duration)
    /// Any other failure, described in text.
    case unsupported(String)

    /// The message users see; ``ExecuteResult/msg`` holds the same text.
    public var description: String {
        switch self {
        case .workflow(let e): e.description
        case .spec(let e): e.description
        case .params(let e): e.description
        case .upload(let param, let reason): "param `\(param)`: \(reason); nothing was uploaded"
        case .validation(let e): e.description
        case .execution(let e): e.description
        case .interrupted(let node?): "interrupted at node \(node)"
        case .interrupted(nil): "interrupted"
        case .server(let e): e.description
        case .runningHub(let e): e.description
        case .timeout(let d): "no progress for \(d.formattedSeconds)"
        case .unsupported(let what): what
        }
    }

    /// The result status this failure ends a run with.
    public var status: RunStatus {
        switch self {
        case .interrupted: .interrupted
        case .timeout: .timeout
        case .runningHub(let e): e.status
        default: .error
        }
    }
}

extension Duration {
    /// `1.5 s`, `30 s`.
    package var formattedSeconds: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\((seconds * 10).rounded() / 10) s"
    }
}
