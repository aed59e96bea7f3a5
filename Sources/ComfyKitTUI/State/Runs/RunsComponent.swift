import ComfyKit
import ComfyKitHistory

/// The runs started this session: which one the panel shows, its highlighted output, and each file's download.
struct RunsComponent: Hashable, Sendable {
    var all: [RunState] = []
    var nextRunID = 1
    /// The run the panel shows, picked with `[`/`]`; `nil` follows the newest.
    var selectedRunID: Int?
    /// The highlighted output of the selected run, an index into its ``RunState/outputs``.
    var selectedOutput = 0
    /// `v`: the output shown in the whole window (an index into the run's ``RunState/outputs``); `nil` when closed.
    var viewing: Int?

    var isEmpty: Bool { all.isEmpty }

    /// The run the panel shows: the selected one, else the newest.
    var current: RunState? { all.last(where: { $0.id == selectedRunID }) ?? all.last }

    var selectedOutputItem: RunOutput? {
        guard let outputs = current?.outputs, outputs.indices.contains(selectedOutput) else { return nil }
        return outputs[selectedOutput]
    }

    var selectedOutputURL: String? {
        if case .file(let url)? = selectedOutputItem { url } else { nil }
    }

    /// A new run, selected (the panel follows the newest again); returns its id. With its `workflow`, the run
    /// names its cached nodes and estimates its whole time left.
    mutating func start(workflowPath: String, workflowName: String, isRunningHub: Bool = false, workflow: Workflow? = nil) -> Int {
        let id = nextRunID
        nextRunID += 1
        var run = RunState(id: id, workflowPath: workflowPath, workflowName: workflowName)
        run.isRunningHub = isRunningHub
        if let workflow { run.timing = RunTiming(workflow) }
        all.append(run)
        selectedRunID = nil
        selectedOutput = 0
        return id
    }

    /// A run recorded as in flight by an earlier session, on the strip again (selected); returns its id.
    mutating func reattach(_ record: RunRecord) -> Int {
        let id = start(workflowPath: record.workflowSource, workflowName: record.workflowName, isRunningHub: record.target == .runningHub,
                       workflow: try? record.workflow())
        all[all.count - 1].recordID = record.id
        all[all.count - 1].log.append("re-attaching run \(record.id) (\(record.target == .runningHub ? "task" : "prompt") \(record.promptID ?? "?") on \(record.server))")
        return id
    }

    /// Notes the run's short id in the run history.
    mutating func noteRecorded(runID: Int, recordID: String) {
        guard let index = all.firstIndex(where: { $0.id == runID }) else { return }
        all[index].recordID = recordID
    }

    /// The runs screen's keys as messages; `nil` for keys the screen leaves to the app (Esc, `?`, `q`).
    static func message(for key: Key) -> RunsMessage? {
        switch key {
        case .character("["), .character("h"), .left: .selectRun(by: -1)
        case .character("]"), .character("l"), .right: .selectRun(by: 1)
        case .character("j"), .down, .tab: .moveOutput(by: 1)
        case .character("k"), .up, .backTab: .moveOutput(by: -1)
        case .pageDown: .moveOutput(by: 10)
        case .pageUp: .moveOutput(by: -10)
        case .home, .character("g"): .firstOutput
        case .end, .character("G"): .lastOutput
        case .enter, .character("d"): .downloadSelected
        case .character("D"), .character("a"): .downloadAll
        case .character("y"): .copySelectedURL
        case .character("v"): .view
        case .character("c"), .character("x"), .control("x"): .cancelSelected
        default: nil
        }
    }

    mutating func update(_ message: RunsMessage, status: inout String) -> [Effect] {
        switch message {
        case .selectRun(let offset):
            selectRun(by: offset)
        case .clickRun(let id):
            guard all.contains(where: { $0.id == id }) else { return [] }
            selectedRunID = id == all.last?.id ? nil : id
            selectedOutput = 0
        case .moveOutput(let offset):
            selectedOutput += offset
            clampOutputSelection()
        case .clickOutput(let index):
            guard index < (current?.outputs.count ?? 0) else { return [] }
            selectedOutput = index
        case .firstOutput:
            selectedOutput = 0
        case .lastOutput:
            selectedOutput = max(0, (current?.outputs.count ?? 0) - 1)
        case .downloadSelected:
            guard let run = current, let output = selectedOutputItem else {
                status = "no outputs to download yet"
                return []
            }
            return download([output], of: run, status: &status)
        case .downloadAll:
            guard let run = current, !run.outputs.isEmpty else {
                status = "no outputs to download yet"
                return []
            }
            return download(run.outputs, of: run, status: &status)
        case .view:
            openViewer(status: &status)
        case .copySelectedURL:
            guard let output = selectedOutputItem else {
                status = "no output to copy yet"
                return []
            }
            status = "copied to the clipboard: " + output.copyable
            return [.copyToClipboard(output.copyable)]
        case .cancelSelected:
            return cancelSelected(status: &status)
        case .event(let id, let event, let clock):
            // A run cancelled before it was submitted has ended already; the library's late events change nothing.
            guard let index = all.firstIndex(where: { $0.id == id }), all[index].isActive else { return [] }
            all[index].apply(event, at: clock)
            if case .finished = event {
                let run = all[index]
                status = "run #\(id) \(run.phase == .finished(.completed) ? "completed" : "ended")" + (run.message.map { ": \($0)" } ?? "")
            }
        case .downloadProgress(let id, let url, let received, let total):
            guard let index = all.firstIndex(where: { $0.id == id }), all[index].downloads[url]?.isInProgress != false else { return [] }
            all[index].downloads[url] = .inProgress(received: received, total: total)
        case .fileSaved(let id, let url, let path):
            guard let index = all.firstIndex(where: { $0.id == id }) else { return [] }
            all[index].downloads[url] = .saved(path: path)
            status = "run #\(id): saved " + path
        case .fileFailed(let id, let url, let reason):
            guard let index = all.firstIndex(where: { $0.id == id }) else { return [] }
            all[index].downloads[url] = .failed(reason: reason)
            status = "run #\(id): download failed: \(reason)"
        }
        return []
    }

    /// Frames that came too soon after the last one shown, shown once their time has come (at the clock's tick).
    mutating func showWaitingPreviews(at clock: Double) {
        for index in all.indices where all[index].waitingPreview != nil { all[index].showWaitingPreview(at: clock) }
    }

    /// The viewer's keys: ←/→ (h/l) through the run's pictures, Esc (v, q) back to the runs screen.
    mutating func viewerKey(_ key: Key, status: inout String) {
        guard let shown = viewing, let run = current else { return }
        let pictures = run.pictureOutputs.map(\.index)
        let position = pictures.firstIndex(of: shown) ?? 0
        switch key {
        case .escape, .character("v"), .character("q"):
            viewing = nil
        case .left, .character("h"), .character("k"), .up:
            guard position > 0 else { return status = "the first picture of run #\(run.id)" }
            viewing = pictures[position - 1]
        case .right, .character("l"), .character("j"), .down, .character(" "):
            guard position + 1 < pictures.count else { return status = "the last picture of run #\(run.id)" }
            viewing = pictures[position + 1]
        default:
            return
        }
        if let viewing { selectedOutput = viewing }
        status = ""
    }

    /// `v` on the runs screen: the highlighted output in the whole window, when it is drawn (a picture, a video's
    /// first frame, a sound's waveform).
    mutating func openViewer(status: inout String) {
        guard let output = selectedOutputItem else { return status = "no output to view yet" }
        guard case .file(let url) = output else { return status = "a text output: y copies it, d saves it" }
        switch MediaKind(url: url) {
        case .image, .video, .audio: viewing = selectedOutput
        case .other: status = "\(OutputLabel.fileName(of: url)) is not a picture"
        }
    }

    /// The runs screen opens on the selected run, its output selection in range.
    mutating func clampOutputSelection() {
        let count = current?.outputs.count ?? 0
        selectedOutput = min(max(0, selectedOutput), max(0, count - 1))
    }

    /// Picks the previous or next run; picking the newest follows new runs again.
    private mutating func selectRun(by offset: Int) {
        guard let current, let index = all.firstIndex(where: { $0.id == current.id }) else { return }
        let target = min(max(0, index + offset), all.count - 1)
        guard target != index else { return }
        selectedRunID = target == all.count - 1 ? nil : all[target].id
        selectedOutput = 0
    }

    /// Cancels the run the panel shows, with the library's targeted interrupt (only that prompt stops).
    private mutating func cancelSelected(status: inout String) -> [Effect] {
        guard let run = current else {
            status = "no run to cancel"
            return []
        }
        if let sweep = run.sweep, runs(ofSweep: sweep.sweepID).contains(where: \.isActive) { return cancelSweep(of: run, status: &status) }
        guard run.isActive else {
            status = "run #\(run.id) has ended" + (all.count(where: \.isActive) > 0 ? "; [ ] picks a running one" : "")
            return []
        }
        if run.isBeforeSubmission, let index = all.firstIndex(where: { $0.id == run.id }) {
            // Nothing reached the server yet: the run ends here and now, and the runtime stops its start.
            all[index].phase = .finished(.interrupted)
            all[index].message = "cancelled before it was submitted"
            status = "run #\(run.id) cancelled"
            return [.cancelRun(runID: run.id)]
        }
        status = "cancelling run #\(run.id)…"
        return [.cancelRun(runID: run.id)]
    }

    /// The outputs not already downloading or saved: files are downloaded, texts saved as `.txt`.
    private mutating func download(_ outputs: [RunOutput], of run: RunState, status: inout String) -> [Effect] {
        let wanted = outputs.filter { output in
            switch run.downloads[output.key] {
            case .inProgress, .saved: false
            case .failed, nil: true
            }
        }
        guard !wanted.isEmpty, let index = all.firstIndex(where: { $0.id == run.id }) else {
            let saved = outputs.compactMap { if case .saved(let path)? = run.downloads[$0.key] { path } else { nil } }
            status = "run #\(run.id): " + (saved.count == outputs.count ? "already saved: " + saved.joined(separator: ", ") : "already downloading")
            return []
        }
        for output in wanted { all[index].downloads[output.key] = .inProgress(received: 0, total: nil) }
        status = "run #\(run.id): downloading \(wanted.count) file(s)…"
        var effects: [Effect] = []
        let urls = wanted.compactMap { if case .file(let url) = $0 { url } else { nil } }
        if !urls.isEmpty { effects.append(.download(runID: run.id, urls: urls)) }
        for case .text(let name, let value, let number) in wanted {
            effects.append(.saveText(runID: run.id, key: RunOutput.text(name: name, value: value, index: number).key, name: name, text: value))
        }
        return effects
    }
}

/// What reaches the runs: keys of the runs screen (and the list's run keys), clicks, and the runtime's reports.
enum RunsMessage: Hashable, Sendable {
    case selectRun(by: Int)
    case clickRun(id: Int)
    case moveOutput(by: Int)
    case clickOutput(index: Int)
    case firstOutput
    case lastOutput
    case downloadSelected
    case downloadAll
    case copySelectedURL
    /// `v`: the highlighted output in the whole window.
    case view
    case cancelSelected
    /// A run's event, at the app's clock.
    case event(runID: Int, RunEvent, clock: Double)
    case downloadProgress(runID: Int, url: String, received: Int64, total: Int64?)
    case fileSaved(runID: Int, url: String, path: String)
    case fileFailed(runID: Int, url: String, reason: String)
}
