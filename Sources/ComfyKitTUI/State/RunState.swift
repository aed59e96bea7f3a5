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
    var phase: RunPhase = .starting
    var promptID: String?
    /// The whole run's progress, 0…1.
    var overall: Double = 0
    var node: NodeInfo?
    var stepValue: Double = 0
    var stepMax: Double = 0
    var log: [String] = []
    var resultURLs: [String] = []
    var message: String?

    var isActive: Bool {
        if case .finished = phase { false } else { true }
    }

    var queuePosition: Int? {
        if case .queued(let position) = phase { position } else { nil }
    }

    static let logLimit = 200

    mutating func apply(_ event: RunEvent) {
        switch event {
        case .uploading(let param, let file):
            phase = .uploading(file: file)
            append("uploading \(param): \(file)")
        case .submitted(let id):
            promptID = id
            append("submitted \(id)")
        case .outputsDropped(let error):
            append("outputs dropped: \(error)")
        case .queued(let position):
            phase = .queued(position: position)
        case .started:
            phase = .running
            append("started")
        case .cached(let nodes):
            if !nodes.isEmpty { append("cached \(nodes.count) node(s)") }
        case .nodeStarted(let info):
            phase = .running
            node = info
            stepValue = 0
            stepMax = 0
            append("node \(info.id) \(info.title)")
        case .progress(_, let value, let max, let overall):
            phase = .running
            stepValue = value
            stepMax = max
            self.overall = overall
        case .preview, .nodeText:
            break
        case .nodeOutput(let node, _):
            append("output from node \(node)")
        case .connectionLost:
            append("connection lost; following /history")
        case .reconnected:
            append("reconnected")
        case .finished(let outcome):
            finish(outcome)
        }
    }

    private mutating func finish(_ outcome: RunOutcome) {
        let result = outcome.result
        phase = .finished(result.status)
        if result.status == .completed { overall = 1 }
        resultURLs = result.images + result.videos + result.audios
        message = outcome.failure.map { "\($0)" } ?? result.msg
        append("finished: \(result.status.rawValue)" + (message.map { " — \($0)" } ?? ""))
    }

    private mutating func append(_ line: String) {
        log.append(line)
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit) }
    }
}
