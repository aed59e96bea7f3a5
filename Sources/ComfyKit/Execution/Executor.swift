/// Where a bound workflow runs: the one seam between the facade and a backend.
///
/// The facade loads, reads the DSL and binds; an executor uploads the job's media, submits it, follows it
/// as `RunEvent`s until it ends, honours ``RunControl/cancel()`` at every step, and returns how it ended
/// with its outputs. ``ComfyUIExecutor`` and ``RunningHubExecutor`` implement it; a router over several
/// servers is a third implementation that picks one of those per job.
protocol Executor: Sendable {
    /// Runs `job` to its end. Never throws: every failure is an outcome with a typed reason.
    func execute(_ job: ExecutionJob, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome
}

/// A workflow ready to submit: its graph, its DSL, the values bound into it, and the run's settings.
struct ExecutionJob: Sendable {
    /// The graph as loaded (for RunningHub, the cloud graph with its DSL titles).
    let workflow: Workflow
    let spec: WorkflowSpec
    /// The graph with the values written in; media names are filled in by the upload step.
    var bound: BoundWorkflow
    /// The params the caller gave (RunningHub sends only these and the required ones).
    let givenParams: Set<String>
    let options: RunOptions
    /// Whether the run reports its place in the server's queue while it waits (a sweep's prompts do not).
    var reportsQueuePosition = true
    /// The id a ComfyUI server is asked to run the prompt under; `nil` makes one up when it is sent.
    var promptID: String?

    /// Reads the DSL and binds `values`; a failure is the outcome the run ends with.
    static func prepare(_ workflow: Workflow, values: [String: ParamValue], options: RunOptions) -> Result<ExecutionJob, RunFailure> {
        let spec: WorkflowSpec
        do {
            spec = try WorkflowSpec(workflow)
        } catch {
            return .failure(.spec(error))
        }
        return prepare(workflow, spec: spec, values: values, options: options)
    }

    /// Binds `values` with the DSL already read (a sweep reads it once for all its prompts).
    static func prepare(_ workflow: Workflow, spec: WorkflowSpec, values: [String: ParamValue], options: RunOptions) -> Result<ExecutionJob, RunFailure> {
        do {
            let bound = try ParamBinder.bind(workflow, spec: spec, values: values, options: options.bind)
            return .success(ExecutionJob(workflow: workflow, spec: spec, bound: bound, givenParams: Set(values.keys), options: options))
        } catch {
            return .failure(.params(error))
        }
    }
}
