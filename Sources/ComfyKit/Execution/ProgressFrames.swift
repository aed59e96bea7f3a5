/// Turns a prompt's progress frames — the same ComfyUI messages from a ComfyUI socket or RunningHub's
/// `netWssUrl` — into run events and the run's overall progress. Both followers feed it.
struct ProgressFrames {
    /// The graph that runs, for node classes and titles.
    let workflow: Workflow
    let emit: @Sendable (RunEvent) -> Void
    private(set) var progress: RunProgress
    private(set) var started = false
    /// The last step reported per node: `progress_state` and `progress` both carry each step.
    private var lastSteps: [String: (value: Double, max: Double)] = [:]

    /// What a frame means for the follower beyond the events already emitted.
    enum Step: Equatable {
        case none
        /// An output node's UI dict (`executed`).
        case output(node: String, output: JSONObject)
        /// The prompt ended: success, error or interruption; the follower reads the result.
        case ended
    }

    init(workflow: Workflow, emit: @escaping @Sendable (RunEvent) -> Void) {
        self.workflow = workflow
        self.emit = emit
        progress = RunProgress(totalNodes: workflow.nodes.count)
    }

    /// Emits `started` once.
    mutating func markStarted() {
        guard !started else { return }
        started = true
        emit(.started)
    }

    mutating func apply(_ message: ServerMessage) -> Step {
        switch message {
        case .executionStart:
            markStarted()
        case .executionCached(_, let nodes):
            markStarted()
            progress.markCached(nodes)
            if !nodes.isEmpty { emit(.cached(nodes: nodes)) }
        case .executing(_, let node?):
            markStarted()
            announce(node)
        case .progress(_, let node, let value, let max):
            markStarted()
            // A step names its node, or belongs to the one running; one with neither, or no steps, says nothing.
            guard let id = node ?? progress.currentNode, max > 0 else { break }
            step(node: id, value: value, max: max)
        case .progressState(_, let nodes):
            // Each node's state so far: finished ones count whole, running ones at their step (a node just
            // started is at 0 of 1, which says nothing yet).
            for state in nodes {
                if state.isFinished {
                    progress.finish(node: state.node)
                } else if state.value > 0, state.max > 0 {
                    markStarted()
                    step(node: state.node, value: state.value, max: state.max)
                }
            }
        case .executed(_, let node, let output):
            emit(.nodeOutput(node: node, output: output))
            return .output(node: node, output: output)
        case .executing(_, nil), .executionSuccess, .executionError, .executionInterrupted:
            return .ended
        case .status, .featureFlags, .other:
            break
        }
        return .none
    }

    /// A node starts: the one before it has finished.
    private mutating func announce(_ node: String) {
        progress.start(node: node)
        let info = workflow[node]
        emit(.nodeStarted(NodeInfo(id: node, classType: info?.classType ?? "", title: info?.title ?? ""), overall: progress.overall))
    }

    /// One step of a node, reported once however many frames carry it. A step of a node not yet announced
    /// announces it: its `executing` was missed (a socket that joined mid-node, as a re-attached run's does).
    private mutating func step(node: String, value: Double, max: Double) {
        if let last = lastSteps[node], last == (value, max) { return }
        lastSteps[node] = (value, max)
        if progress.currentNode != node { announce(node) }
        progress.step(node: node, value: value, max: max)
        emit(.progress(node: node, value: value, max: max, overall: progress.overall))
    }

    /// The run completed: the model reaches 100% (events say so with `finished`).
    mutating func complete() {
        progress.complete()
    }
}
