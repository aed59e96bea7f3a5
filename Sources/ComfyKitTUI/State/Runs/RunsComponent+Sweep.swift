import ComfyKit

/// A run's place in a sweep started from the form.
struct SweepMember: Hashable, Sendable {
    /// The sweep's id: its first run's id (run `sweepID + index` is its prompt `index`).
    let sweepID: Int
    let index: Int
    /// The varied values and the seeds that change, as `name=value`; empty until the library plans the sweep.
    var varied: [VariedValue] = []
}

/// One varied param's value in one prompt of a sweep, as text.
struct VariedValue: Hashable, Sendable {
    let name: String
    let value: String

    init(name: String, value: ParamValue) {
        self.name = name
        self.value = FieldState.text(of: value.jsonValue)
    }
}

// A sweep's runs: a run per prompt on the strip from ⏎, their values once planned, and one cancel for them all.
extension RunsComponent {
    /// A run per prompt of the sweep, the first selected; returns the sweep's id (its first run's id).
    mutating func startSweep(prompts: Int, workflowPath: String, workflowName: String, workflow: Workflow) -> Int {
        let sweepID = nextRunID
        let timing = RunTiming(workflow)
        for index in 0..<prompts {
            var run = RunState(id: nextRunID, workflowPath: workflowPath, workflowName: workflowName)
            run.timing = timing
            run.sweep = SweepMember(sweepID: sweepID, index: index)
            all.append(run)
            nextRunID += 1
        }
        selectedRunID = prompts > 1 ? sweepID : nil
        selectedOutput = 0
        return sweepID
    }

    /// The runs of sweep `sweepID`, in prompt order.
    func runs(ofSweep sweepID: Int) -> [RunState] { all.filter { $0.sweep?.sweepID == sweepID } }

    /// The library's plan: each prompt's varied values (seeds included when they change) go on its run.
    mutating func notePlanned(_ points: [SweepPlan.Point], sweepID: Int) {
        for point in points {
            guard let index = all.firstIndex(where: { $0.id == sweepID + point.index && $0.sweep?.sweepID == sweepID }) else { continue }
            all[index].sweep?.varied = point.varied.map { VariedValue(name: $0.name, value: $0.value) }
            all[index].log.append("prompt \(point.index + 1) of the sweep: " + all[index].sweepLabel)
        }
    }

    /// Ends every run of the sweep still going, as `status`; returns the cancel for the runtime.
    mutating func endSweep(of run: RunState, as ended: RunStatus, message: String) -> [Effect] {
        guard let sweepID = run.sweep?.sweepID else { return [] }
        for index in all.indices where all[index].sweep?.sweepID == sweepID && all[index].isActive {
            all[index].phase = .finished(ended)
            all[index].message = message
            all[index].log.append("ended: " + message)
        }
        return [.cancelRun(runID: sweepID)]
    }

    /// Cancel on any run of a sweep cancels the sweep: what has not started stops, what runs is interrupted.
    mutating func cancelSweep(of run: RunState, status: inout String) -> [Effect] {
        let sweepID = run.sweep?.sweepID ?? run.id
        let active = runs(ofSweep: sweepID).count(where: \.isActive)
        status = "sweep of run #\(sweepID): \(active) prompt(s) cancelled"
        return endSweep(of: run, as: .interrupted, message: "the sweep was cancelled")
    }
}

extension RunState {
    /// The run's varied values, `steps=20 cfg=7.5`, or "" outside a sweep.
    var sweepLabel: String { sweep?.varied.map { "\($0.name)=\($0.value)" }.joined(separator: " ") ?? "" }
}

extension AppState {
    /// The library refused the sweep before sending anything: its runs end with the reason, and a value no server
    /// takes is marked on its line in the form.
    mutating func noteSweepRefused(_ refusal: SweepRefusal, sweepID: Int) -> [Effect] {
        guard let run = runs.all.first(where: { $0.id == sweepID }) else { return [] }
        _ = runs.endSweep(of: run, as: .error, message: "not sent: \(refusal)")
        status = "sweep not sent: \(refusal)"
        if case .plan(.refusedByServers(let param, let value, let expected)) = refusal, var form = forms[run.workflowPath],
           let index = form.sweep.lines.firstIndex(where: { $0.param == param }) {
            form.sweep.lines[index].error = "\(value): refused by every server, expected \(expected)"
            forms[run.workflowPath] = form
        }
        return []
    }
}
