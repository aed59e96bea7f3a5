import ComfyKit

/// Records each prompt of a sweep in the run history as a single run is recorded: where it was routed and with
/// which values, then its prompt id, its end and its downloads. Writes that fail are warned about once.
public actor SweepRecorder {
    private let history: RunHistory?
    private let loaded: LoadedWorkflow
    private let source: WorkflowSource
    private let kit: ComfyKit
    /// The sweep's id in the run history: every prompt's record carries it, so the sweep can be re-attached whole.
    public nonisolated let sweepID: String
    /// A sweep resumed under its recorded id (its plan already kept), not a new one.
    private let resuming: Bool
    /// How many prompts the sweep planned, once it did.
    private var size: Int?
    private var ids: [Int: String] = [:]
    private var finished: Set<Int> = []
    private var warned = false
    private let warn: @Sendable (String) -> Void

    /// Records in `history` (nothing when `nil`); `warn` hears, once, that the history cannot be written.
    /// `resuming` names the recorded sweep whose unsent prompts this one sends (its id and planned size): their
    /// records join it.
    public init(
        history: RunHistory?, loaded: LoadedWorkflow, source: WorkflowSource, kit: ComfyKit,
        resuming: (sweepID: String, size: Int)? = nil, warn: @escaping @Sendable (String) -> Void
    ) {
        self.history = history
        sweepID = resuming?.sweepID ?? RunRecord.newID()
        size = resuming?.size
        self.resuming = resuming != nil
        self.loaded = loaded
        self.source = source
        self.kit = kit
        self.warn = warn
    }

    /// Takes on records already written for prompts of the resumed sweep (index → record id): their events update
    /// those records, and a cancelled ``ended(cancelled:)`` covers them.
    public func adopt(_ records: [(index: Int, id: String)]) {
        for (index, id) in records { ids[index] = id }
    }

    /// Lets go of an adopted prompt that is not followed after all: its record stays as it is (in flight).
    public func release(_ index: Int) {
        ids[index] = nil
    }

    /// The short id of the prompt's record (by its index in the sweep), once it was routed.
    public func id(of index: Int) -> String? { ids[index] }

    /// Records what `event` says of its prompt, to the end even when the calling task is cancelled (a stopped sweep's
    /// consumer): GRDB's accesses throw `CancellationError` in a cancelled task, and the records must still say how the
    /// prompts ended.
    public func record(_ event: SweepEvent) async {
        await Task { await self.write(event) }.value
    }

    private func write(_ event: SweepEvent) async {
        guard let history else { return }
        do {
            switch event {
            case .planned(let points):
                guard !resuming else { break }
                size = points.count
                try await history.recordPlan(points, ofSweep: sweepID, servers: kit.serverNames)
            case .routed(let point, let server):
                // An adopted prompt (followed again by a resumed sweep) keeps its record, corrected to where it is.
                if let id = ids[point.index] {
                    _ = try await history.update(id) { $0.server = server }
                } else {
                    try await insert(point, server: server, in: history)
                }
            case .rerouted(let point, _, let to, _):
                if let id = ids[point.index] { _ = try await history.update(id) { $0.server = to } }
            case .sending(let point, _, let promptID):
                if let id = ids[point.index] { _ = try await history.update(id) { $0.requestedPromptID = promptID } }
            case .submitted(let point, _, let promptID):
                if let id = ids[point.index] { try await history.markSubmitted(id, promptID: promptID) }
            case .finished(let point, let server, let outcome):
                if ids[point.index] == nil { try await insert(point, server: server ?? "-", in: history) }
                if let id = ids[point.index] { try await history.finish(id, with: outcome) }
                finished.insert(point.index)
            default:
                break
            }
        } catch {
            if !warned { warn("the run history cannot be written: \(error)") }
            warned = true
        }
    }

    /// Records that the sweep ended: its events all read (every prompt ended), or, `cancelled`, its consumer stopped
    /// reading, and every prompt routed and not finished is recorded as interrupted (from a cancelled task too). Either
    /// way a later session does not send its unsent prompts by itself; a sweep that never says so (its app went away,
    /// or left it running) is sent on by the next `comfykit-tui`, or by `comfykit runs resume`.
    public func ended(cancelled: Bool = false) async {
        guard let history else { return }
        let outcome = RunOutcome(result: ExecuteResult(status: .interrupted, msg: "the sweep was cancelled"))
        let unfinished = cancelled ? ids.filter { !finished.contains($0.key) }.map(\.value) : []
        let sweepID = sweepID
        await Task {
            for id in unfinished { try? await history.finish(id, with: outcome) }
            try? await history.recordEnd(ofSweep: sweepID)
        }.value
    }

    /// Notes the files downloaded for the prompt at `index`.
    public func addDownloads(_ index: Int, paths: [String]) async {
        guard let history, let id = ids[index] else { return }
        try? await history.addDownloads(id, paths: paths)
    }

    private func insert(_ point: SweepPlan.Point, server: String, in history: RunHistory) async throws {
        var record = kit.runRecord(for: loaded, source: source, params: point.values)
        record.server = server
        record.sweepID = sweepID
        record.sweepIndex = point.index
        record.sweepSize = size
        record.sweepVariedJSON = ComfyKit.storedVaried(point.varied)
        ids[point.index] = try await history.insert(record).id
    }
}
