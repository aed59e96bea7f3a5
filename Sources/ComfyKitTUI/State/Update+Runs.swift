import ComfyKit

// Runs, their outputs and downloads, and the folder watcher's rescans: the parts of `update` for
// several runs in flight. Pure like the rest of `update`.

/// Keys of the runs screen: `[`/`]` pick a run, j/k an output, Enter downloads it, `D` all, `y` copies its URL.
func handleRunsKey(_ key: Key, in state: inout AppState) -> [Effect] {
    switch key {
    case .escape:
        state.route = .list
        state.status = ""
    case .character("["), .character("h"), .left:
        selectRun(by: -1, in: &state)
    case .character("]"), .character("l"), .right:
        selectRun(by: 1, in: &state)
    case .character("j"), .down, .tab:
        moveOutputSelection(by: 1, in: &state)
    case .character("k"), .up, .backTab:
        moveOutputSelection(by: -1, in: &state)
    case .home, .character("g"):
        state.selectedOutput = 0
    case .end, .character("G"):
        state.selectedOutput = max(0, (state.currentRun?.resultURLs.count ?? 0) - 1)
    case .enter, .character("d"):
        guard let run = state.currentRun, let url = selectedOutputURL(in: state) else {
            state.status = "no outputs to download yet"
            return []
        }
        return download([url], of: run, in: &state)
    case .character("D"), .character("a"):
        return downloadAllOutputs(in: &state)
    case .character("y"):
        guard let url = selectedOutputURL(in: state) else {
            state.status = "no output URL to copy yet"
            return []
        }
        state.status = "copied to the clipboard: " + url
        return [.copyToClipboard(url)]
    case .character("c"), .character("x"), .control("x"):
        return cancelSelectedRun(in: &state)
    case .character("?"):
        state.showsHelp = true
    case .character("q"):
        return [.quit]
    default:
        break
    }
    return []
}

/// `o` on the list: the selected run in full.
func openRuns(in state: inout AppState) {
    guard !state.runs.isEmpty else {
        state.status = "no runs yet: open a workflow and press Enter"
        return
    }
    state.route = .runs
    clampOutputSelection(in: &state)
    state.status = ""
}

/// Picks the previous or next run; picking the newest follows new runs again.
func selectRun(by offset: Int, in state: inout AppState) {
    guard let current = state.currentRun, let index = state.runs.firstIndex(where: { $0.id == current.id }) else { return }
    let target = min(max(0, index + offset), state.runs.count - 1)
    guard target != index else { return }
    state.selectedRunID = target == state.runs.count - 1 ? nil : state.runs[target].id
    state.selectedOutput = 0
}

/// Cancels the run the panel shows, with the library's targeted interrupt (only that prompt stops).
func cancelSelectedRun(in state: inout AppState) -> [Effect] {
    guard let run = state.currentRun else {
        state.status = "no run to cancel"
        return []
    }
    guard run.isActive else {
        state.status = "run #\(run.id) has ended" + (state.runs.count(where: \.isActive) > 0 ? "; [ ] picks a running one" : "")
        return []
    }
    state.status = "cancelling run #\(run.id)…"
    return [.cancelRun(runID: run.id)]
}

/// Every output of the selected run that is not already downloading.
func downloadAllOutputs(in state: inout AppState) -> [Effect] {
    guard let run = state.currentRun, !run.resultURLs.isEmpty else {
        state.status = "no outputs to download yet"
        return []
    }
    return download(run.resultURLs, of: run, in: &state)
}

private func download(_ urls: [String], of run: RunState, in state: inout AppState) -> [Effect] {
    let wanted = urls.filter { run.downloads[$0]?.isInProgress != true }
    guard !wanted.isEmpty, let index = state.runs.firstIndex(where: { $0.id == run.id }) else {
        state.status = "run #\(run.id): already downloading"
        return []
    }
    for url in wanted { state.runs[index].downloads[url] = .inProgress(received: 0, total: nil) }
    state.status = "run #\(run.id): downloading \(wanted.count) file(s)…"
    return [.download(runID: run.id, urls: wanted)]
}

/// Folds a per-file download report into its run.
func applyDownloadReport(_ message: Message, in state: inout AppState) {
    switch message {
    case .downloadProgress(let id, let url, let received, let total):
        guard let index = state.runs.firstIndex(where: { $0.id == id }),
              state.runs[index].downloads[url]?.isInProgress != false else { return }
        state.runs[index].downloads[url] = .inProgress(received: received, total: total)
    case .fileSaved(let id, let url, let path):
        guard let index = state.runs.firstIndex(where: { $0.id == id }) else { return }
        state.runs[index].downloads[url] = .saved(path: path)
        state.status = "run #\(id): saved " + path
    case .fileFailed(let id, let url, let reason):
        guard let index = state.runs.firstIndex(where: { $0.id == id }) else { return }
        state.runs[index].downloads[url] = .failed(reason: reason)
        state.status = "run #\(id): download failed: \(reason)"
    default:
        break
    }
}

func selectedOutputURL(in state: AppState) -> String? {
    guard let urls = state.currentRun?.resultURLs, urls.indices.contains(state.selectedOutput) else { return nil }
    return urls[state.selectedOutput]
}

private func moveOutputSelection(by offset: Int, in state: inout AppState) {
    state.selectedOutput += offset
    clampOutputSelection(in: &state)
}

private func clampOutputSelection(in state: inout AppState) {
    let count = state.currentRun?.resultURLs.count ?? 0
    state.selectedOutput = min(max(0, state.selectedOutput), max(0, count - 1))
}

// MARK: - Rescans on folder changes

/// The watcher saw a change: rescan once the burst settles (the first change of a burst sets the time).
func noteFolderChanged(in state: inout AppState) {
    if state.autoRescan.dueAt == nil { state.autoRescan.dueAt = state.clock + AutoRescan.settleDelay }
}

/// On each clock tick: the settled rescan, unless a scan is already in flight (then it waits for it).
func rescanIfDue(in state: inout AppState) -> [Effect] {
    guard let due = state.autoRescan.dueAt, state.clock >= due, !state.isLoading else { return [] }
    state.autoRescan.dueAt = nil
    state.autoRescan.isScanning = true
    state.isLoading = true
    return [.loadFolder(path: state.folder)]
}

/// A scan's entries replace the list; the highlighted workflow stays highlighted if it is still there.
func applyScannedEntries(_ entries: [WorkflowEntry], in state: inout AppState, _ env: TUIEnvironment) {
    replaceEntries(with: entries, in: &state)
    state.isLoading = false
    let broken = entries.count { $0.spec == nil }
    showScanSummary("\(entries.count) workflow(s)" + (broken > 0 ? ", \(broken) broken" : ""), in: &state)
    state.autoRescan.isScanning = false
    openPendingWorkflowIfRead(in: &state, env)
}
