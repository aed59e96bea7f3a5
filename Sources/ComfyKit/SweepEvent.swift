/// What happens in a sweep (``ComfyKit/sweep(_:base:vary:count:seedMode:options:)-(LoadedWorkflow,_,_,_,_,_)``):
/// first its prompts, then for each prompt where it was routed, its prompt id, its start and its outcome.
/// Events of different prompts interleave; each prompt's come in that order and it finishes exactly once.
public enum SweepEvent: Sendable {
    /// Every prompt of the sweep with its values, before anything is sent.
    case planned([SweepPlan.Point])
    /// A server passed over because it cannot run the workflow or does not answer, and why (once per server).
    case skipped(server: String, reason: String)
    /// The prompt goes to `server`.
    case routed(SweepPlan.Point, server: String)
    /// The prompt left `from`, which stopped answering, for `to`: it had not started there (or it is re-run as
    /// ``RunOptions/retryLost`` asks). The prompt's later events name `to`.
    case rerouted(SweepPlan.Point, from: String, to: String, reason: String)
    /// The prompt is sent to ComfyUI server `server` under `promptID`, chosen here before the server answers: an app
    /// that keeps it can ask that server for the prompt later, should it go away before the answer came
    /// (``ComfyKit/place(ofUnconfirmedPrompt:sentTo:within:)``). Not sent for RunningHub, which names its own tasks.
    case sending(SweepPlan.Point, server: String, promptID: String)
    /// The server accepted the prompt under `promptID`.
    case submitted(SweepPlan.Point, server: String, promptID: String)
    /// The prompt began to run.
    case started(SweepPlan.Point, server: String)
    /// The prompt ended; `server` is `nil` when no server could take it (the outcome says why).
    case finished(SweepPlan.Point, server: String?, RunOutcome)
    /// The sweep was refused before anything was sent; it ends here.
    case refused(SweepRefusal)
}

/// Why a sweep sent nothing.
public enum SweepRefusal: Error, Sendable, CustomStringConvertible {
    /// The workflow could not be loaded or its DSL read.
    case workflow(String)
    /// The variations, count or a value do not make a sweep (see ``SweepError``).
    case plan(SweepError)
    /// A prompt's values do not bind to the workflow.
    case params(point: Int, RunFailure)
    /// Sweeps run on ComfyUI servers; this workflow runs on RunningHub.
    case runningHub

    public var description: String {
        switch self {
        case .workflow(let message): message
        case .plan(let error): error.description
        case .params(let point, let failure): "prompt \(point + 1): \(failure.description)"
        case .runningHub: "a sweep runs on ComfyUI servers; this workflow runs on RunningHub"
        }
    }
}
