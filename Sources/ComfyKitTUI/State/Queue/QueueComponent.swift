import ComfyKit

/// The server-queue screen (`Q`): what the server runs, queues and ran lately, from every client, with this
/// session's runs marked by their workflow names; asked again every ``refreshInterval`` seconds while shown.
struct QueueComponent: Hashable, Sendable {
    /// The server's last answer; nil until it first answers.
    var snapshot: ServerQueue?
    /// Why the last look failed; cleared by the next answer.
    var failure: String?
    /// The highlighted row, an index into ``rows(ours:)``.
    var selection = 0
    /// A look is in flight: no other is asked for meanwhile, so a slow server gets one request at a time.
    var isFetching = false
    /// The app's clock when the last look was asked for.
    var lastAsked: Double?
    /// Our run whose cancel waits for `y`.
    var confirming: OurRun?

    /// Seconds between two looks while the screen is shown.
    static let refreshInterval: Double = 2
    /// How many ended prompts the screen lists.
    static let recentLimit = 30

    /// A run of this session that the server has, by its prompt id.
    struct OurRun: Hashable, Sendable {
        let runID: Int
        let name: String
    }

    /// One listed prompt: running, pending or recent, and ours when this session started it.
    struct Row: Hashable, Sendable {
        let job: ServerJob
        let ours: OurRun?
    }

    /// What a message leaves the app to do.
    enum Outcome: Equatable {
        case effects([Effect])
        /// Esc: back to the list.
        case back
        /// A key the screen does not take (`?`, `q`): the app's.
        case unhandled
    }

    /// The rows in screen order: running, then pending in run order, then the recent ones, newest first.
    func rows(ours: [String: OurRun]) -> [Row] {
        guard let snapshot else { return [] }
        return (snapshot.running + snapshot.pending + snapshot.recent).map { Row(job: $0, ours: ours[$0.id]) }
    }

    /// Opening the screen asks the server at once.
    mutating func open(clock: Double) -> [Effect] {
        confirming = nil
        lastAsked = nil
        return pollIfDue(clock: clock)
    }

    /// A look when none is in flight and the last was asked ``refreshInterval`` ago or more.
    mutating func pollIfDue(clock: Double) -> [Effect] {
        guard !isFetching, lastAsked.map({ clock - $0 >= Self.refreshInterval }) ?? true else { return [] }
        isFetching = true
        lastAsked = clock
        return [.fetchServerQueue]
    }

    mutating func update(_ message: QueueMessage, ours: [String: OurRun], clock: Double, status: inout String) -> Outcome {
        switch message {
        case .loaded(let queue):
            snapshot = queue
            failure = nil
            isFetching = false
            selection = min(selection, max(0, rows(ours: ours).count - 1))
            return .effects([])
        case .failed(let reason):
            failure = reason
            isFetching = false
            return .effects([])
        case .key(let key):
            return handle(key, ours: ours, clock: clock, status: &status)
        }
    }

    private mutating func handle(_ key: Key, ours: [String: OurRun], clock: Double, status: inout String) -> Outcome {
        if let run = confirming {
            confirming = nil
            guard key == .character("y") else {
                status = "run #\(run.runID) not cancelled"
                return .effects([])
            }
            status = "cancelling run #\(run.runID) (\(run.name))…"
            return .effects([.cancelRun(runID: run.runID)])
        }
        let rows = rows(ours: ours)
        switch key {
        case .up, .character("k"):
            selection = max(0, selection - 1)
        case .down, .character("j"):
            selection = min(max(0, rows.count - 1), selection + 1)
        case .home:
            selection = 0
        case .end:
            selection = max(0, rows.count - 1)
        case .character("x"), .control("x"):
            askToCancel(rows.indices.contains(selection) ? rows[selection] : nil, status: &status)
        case .character("r"):
            lastAsked = nil
            return .effects(pollIfDue(clock: clock))
        case .escape:
            confirming = nil
            return .back
        default:
            return .unhandled
        }
        return .effects([])
    }

    /// `x` on a row: only this session's runs still queued or running can be cancelled, after a `y`.
    private mutating func askToCancel(_ row: Row?, status: inout String) {
        guard let row else {
            status = "nothing to cancel"
            return
        }
        guard let run = row.ours else {
            status = "prompt \(row.job.id.prefix(8)) is another client's: only this session's runs are cancelled here"
            return
        }
        guard !row.job.status.hasEnded else {
            status = "run #\(run.runID) has already ended"
            return
        }
        confirming = run
        status = "cancel run #\(run.runID) (\(run.name)) on the server? y: cancel it, any other key: keep it"
    }
}

/// What the server-queue screen is told.
enum QueueMessage: Hashable, Sendable {
    case key(Key)
    /// The server's answer to ``Effect/fetchServerQueue``.
    case loaded(ServerQueue)
    case failed(reason: String)
}
