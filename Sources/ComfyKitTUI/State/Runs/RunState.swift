import ComfyKit

/// Where a run is in its life, as the run panel shows it.
enum RunPhase: Hashable, Sendable {
    case starting
    case uploading(file: String)
    case queued(position: Int)
    case running
    case finished(RunStatus)
}

/// One run the user started, folded from its ``RunEvent``s.
struct RunState: Hashable, Sendable {
    let id: Int
    let workflowPath: String
    let workflowName: String
    /// Its short id in the run history (`comfykit runs show ID`), once recorded.
    var recordID: String?
    /// Runs on RunningHub: its cancel must reach the cloud before the app quits.
    var isRunningHub = false
    /// The server it was sent to, when runs are routed over several.
    var server: String?
    /// Its place in a sweep started from the form, and the values that set it apart.
    var sweep: SweepMember?
    var phase: RunPhase = .starting
    var promptID: String?
    /// The whole run's progress, 0…1.
    var overall: Double = 0
    var node: NodeInfo?
    var stepValue: Double = 0
    var stepMax: Double = 0
    var log: [String] = []
    var resultURLs: [String] = []
    /// The outputs (files and texts) by `$output` name (or node id), once the run has finished.
    var outputGroups: [OutputGroup] = []
    /// Every output in group order: what the runs screen lists and its selection indexes.
    var outputs: [RunOutput] = []
    /// Each output's download (a text's save), by ``RunOutput/key``; absent until one is asked for.
    var downloads: [String: FileDownload] = [:]
    var message: String?
    /// Clock readings (``AppState/clock``): submission, end, and the current node's first and latest steps.
    var submittedAt: Double?
    var finishedAt: Double?
    var firstStep: StepMark?
    var latestStep: StepMark?
    /// The whole run's timing, for its ETA: the workflow's nodes and their labels, the nodes the server reused,
    /// and how long each node that ran took.
    var timing = RunTiming()
    /// The live preview shown while it samples, and a frame that came too soon after it (``takePreview(_:at:)``).
    var preview: RunPreview?
    var waitingPreview: Preview?

    /// A step value and when it was seen.
    struct StepMark: Hashable, Sendable {
        let at: Double
        let value: Double
    }

    /// Seconds since submission, frozen at the end.
    func elapsed(now: Double) -> Double? { submittedAt.map { (finishedAt ?? now) - $0 } }

    /// Steps per second of the current node, once two steps are apart in time.
    var stepRate: Double? {
        guard let first = firstStep, let latest = latestStep, latest.at > first.at, latest.value > first.value else { return nil }
        return (latest.value - first.value) / (latest.at - first.at)
    }

    /// Seconds left in the current node at the current rate.
    var stepETA: Double? {
        guard let rate = stepRate, stepMax > stepValue else { return nil }
        return (stepMax - stepValue) / rate
    }

    /// Seconds left in the whole run, once a node has run to its end (before that, nothing sensible can be said).
    func runETA(now: Double) -> Double? {
        guard isActive, phase == .running else { return nil }
        return timing.secondsLeft(now: now, currentNodeLeft: stepETA)
    }

    /// Starting or uploading: nothing has reached the server's queue yet.
    var isBeforeSubmission: Bool {
        switch phase {
        case .starting, .uploading: promptID == nil
        default: false
        }
    }

    var isActive: Bool {
        if case .finished = phase { false } else { true }
    }

    static let logLimit = 200

    /// Folds one event in; `clock` is the app's clock when it arrived (``AppState/clock``).
    mutating func apply(_ event: RunEvent, at clock: Double) {
        switch event {
        case .uploading(let param, let file):
            phase = .uploading(file: file)
            append("uploading \(param): \(file)")
        case .submitted(let id):
            promptID = id
            submittedAt = clock
            append("submitted \(id)")
        case .outputsDropped(let error):
            append("outputs dropped: \(error)")
        case .queued(let position):
            phase = .queued(position: position)
        case .started:
            phase = .running
            append("started")
        case .cached(let nodes):
            timing.markCached(nodes)
            if !nodes.isEmpty { append("cached: " + timing.cachedLabels.joined(separator: ", ")) }
        case .nodeStarted(let info, let overall):
            phase = .running
            timing.start(node: info.id, at: clock)
            self.overall = overall
            node = info
            stepValue = 0
            stepMax = 0
            firstStep = nil
            latestStep = nil
            append("node \(info.id) \(info.label)")
        case .progress(_, let value, let max, let overall):
            phase = .running
            if max > 0 {
                if firstStep == nil || value < (latestStep?.value ?? 0) { firstStep = StepMark(at: clock, value: value) }
                latestStep = StepMark(at: clock, value: value)
            }
            stepValue = value
            stepMax = max
            self.overall = overall
        case .preview(let preview):
            takePreview(preview, at: clock)
        case .nodeText:
            break
        case .nodeOutput(let node, _):
            append("output from node \(node)")
        case .connectionLost:
            append("connection lost; following /history")
        case .reconnected:
            append("reconnected")
        case .finished(let outcome):
            finishedAt = clock
            timing.end()
            finish(outcome)
        }
    }

    private mutating func finish(_ outcome: RunOutcome) {
        let result = outcome.result
        phase = .finished(result.status)
        if result.status == .completed { overall = 1 }
        outputGroups = OutputGroup.groups(of: result)
        resultURLs = outputGroups.flatMap(\.urls)
        outputs = outputGroups.flatMap(\.outputs)
        message = outcome.failure.map { "\($0)" } ?? result.msg
        append("finished: \(result.status.rawValue)" + (message.map { " — \($0)" } ?? ""))
    }

    private mutating func append(_ line: String) {
        log.append(line)
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit) }
    }
}
