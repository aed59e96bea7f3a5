import ComfyKit

extension AppState {
    /// Applies a message and returns the work to do. Pure: the file system is asked only through `env`.
    /// A message owned by one component goes to it; the app acts on what the component reports back.
    mutating func update(_ message: Message, _ env: TUIEnvironment) -> [Effect] {
        switch message {
        case .key(let key):
            return handle(key, env)
        case .paste(let text):
            paste(text, env)
            return []
        case .folderListed(let entries):
            list.applyListed(entries)
            showScanSummary("\(entries.count) workflow(s), reading…")
            return []
        case .entriesRead(let entries):
            list.applyRead(entries)
            convertEditorEntries()
            openPendingWorkflowIfRead(env)
            return []
        case .folderLoaded(let entries):
            let wasAutomatic = list.autoRescan.isScanning
            list.applyScanned(entries)
            convertEditorEntries()
            let broken = entries.count { $0.spec == nil }
            showScanSummary("\(entries.count) workflow(s)" + (broken > 0 ? ", \(broken) broken" : ""), automatic: wasAutomatic)
            openPendingWorkflowIfRead(env)
            return loadCatalogIfWaiting()
        case .folderFailed(let reason):
            list.isLoading = false
            list.autoRescan.isScanning = false
            status = reason
            return []
        case .workflowReloaded(var entry):
            if let catalog { entry.content = entry.content.converted(with: catalog, path: entry.path) }
            applyReloadedWorkflow(entry, env)
            return []
        case .runEvent(let id, let event):
            applyRunEvent(event, to: id)
            if case .finished = event { return noteRunEndedWhileQuitting(id) }
            return []
        case .runRecorded(let id, let recordID):
            runs.noteRecorded(runID: id, recordID: recordID)
            // Routed before its record was written: the record learns where it ran now.
            return runs.all.first { $0.id == id }?.server.map { [.recordServer(recordID: recordID, server: $0)] } ?? []
        case .runRouted(let id, let server):
            return noteRouted(runID: id, server: server)
        case .sweepPlanned(let id, let points):
            runs.notePlanned(points, sweepID: id)
            return []
        case .sweepSkipped(let server, let reason):
            status = "\(server) is passed over: \(reason)"
            return []
        case .sweepRefused(let id, let refusal):
            return noteSweepRefused(refusal, sweepID: id)
        case .peerProbed(let index, let probed):
            if servers.indices.contains(index) { servers[index].status = probed }
            return []
        case .runNotRecorded(let id, let reason):
            status = "run #\(id) is not recorded in the run history: \(reason)"
            return []
        case .inFlightFound(let records):
            return reattach(records)
        case .inFlightSweepFound(let sweep):
            return reattachSweep(sweep)
        case .recordedRunPlaced(let id, let record, let place):
            return followReattached(runID: id, record: record, at: place)
        case .inFlightLookupFailed(let reason):
            status = "runs left in flight could not be looked up: \(reason)"
            return []
        case .history(let message):
            return historyMessage(message, env)
        case .runningHubCancelled(let id, let failure):
            return noteRunningHubCancel(runID: id, failure: failure)
        case .sweepsStopped(let sweepIDs):
            return noteSweepsStopped(sweepIDs)
        case .downloaded(let id, let paths):
            status = "run #\(id): saved " + paths.joined(separator: ", ")
            return []
        case .downloadFailed(let id, let reason):
            status = "run #\(id): download failed: \(reason)"
            return []
        case .downloadProgress(let id, let url, let received, let total):
            return runs.update(.downloadProgress(runID: id, url: url, received: received, total: total), status: &status)
        case .fileSaved(let id, let url, let path):
            return runs.update(.fileSaved(runID: id, url: url, path: path), status: &status)
        case .fileFailed(let id, let url, let reason):
            return runs.update(.fileFailed(runID: id, url: url, reason: reason), status: &status)
        case .folderChanged:
            list.noteFolderChanged(at: clock)
            return []
        case .clicked(let target):
            return click(target, env)
        case .scrolled(let notches):
            // One ↑ or ↓ per notch, so the wheel moves whatever those keys move on the screen showing.
            guard !help.isShown, notches != 0 else { return [] }
            let key: Key = notches < 0 ? .up : .down
            return (0..<abs(notches)).flatMap { _ in update(.key(key), env) }
        case .resize(let newWidth, let newHeight):
            width = newWidth
            height = newHeight
            // The list's rows: the body less the header, status and hint lines.
            list.pageRows = max(1, newHeight - 3)
            history.pageRows = max(1, newHeight - 4)
            return []
        case .serverProbed(let probed):
            let previous = server
            server = probed
            if !servers.isEmpty { servers[0].status = probed }
            return fetchObjectInfoIfNewlyConnected(previous: previous) + (isConnected ? loadCatalogIfWaiting() : [])
        case .objectInfoLoaded(let info):
            objectInfo = info
            isFetchingObjectInfo = false
            for path in forms.keys { forms[path]?.attach(info, env) }
            return []
        case .catalogLoaded(let loaded):
            catalog = loaded
            isLoadingCatalog = false
            convertEditorEntries()
            openPendingWorkflowIfRead(env)
            return []
        case .catalogFailed:
            isLoadingCatalog = false
            return []
        case .objectInfoFailed:
            // Offline forms work as before; the next reconnection tries again.
            isFetchingObjectInfo = false
            return []
        case .pathCandidates(let path, let field, let text, let candidates):
            return routeToForm(path, .pathCandidates(field: field, text: text, candidates: candidates), env)
        case .clock(let seconds):
            clock = seconds
            runs.showWaitingPreviews(at: clock)
            if let quitting = quitIfCancelsOverdue() { return quitting }
            let queuePoll = pollQueueIfShown()
            guard list.startRescanIfDue(at: clock) else { return queuePoll }
            return queuePoll + [.loadFolder(path: folder)]
        case .seedDrawn(let path, let field, let seed):
            return routeToForm(path, .seedDrawn(field: field, seed: seed), env)
        case .queue(let queueMessage):
            return updateQueue(queueMessage)
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: Key, _ env: TUIEnvironment) -> [Effect] {
        if quit.isShown { return quitKey(key) }
        if key == .control("c") { return requestQuit() }
        if help.isShown {
            help.update(key)
            return []
        }
        if details != nil {
            if key == .escape || key == .enter || key == .character("q") { details = nil }
            return []
        }
        if key == .f1 {
            help.isShown = true
            return []
        }
        switch route {
        case .list: return listKey(key, env)
        case .form(let path): return routeToForm(path, .key(key), env)
        case .runs: return runsKey(key)
        case .queue: return updateQueue(.key(key))
        case .history: return historyMessage(.key(key), env)
        }
    }

    /// The list's own keys go to it; the rest are the app's: help, rescan, the selected run, quit.
    private mutating func listKey(_ key: Key, _ env: TUIEnvironment) -> [Effect] {
        let filter = list.filter
        switch list.update(.key(key)) {
        case .handled:
            if list.filter != filter { showFilterCount() }
            return []
        case .open:
            openSelectedWorkflow(env)
            return []
        case .unhandled: break
        }
        switch key {
        case .character("?"):
            help.isShown = true
        case .character("r"):
            list.isLoading = true
            status = "rescanning…"
            return [.loadFolder(path: folder)]
        case .character("c"), .character("x"):
            return runs.update(.cancelSelected, status: &status)
        case .character("d"):
            return runs.update(.downloadAll, status: &status)
        case .character("["):
            return runs.update(.selectRun(by: -1), status: &status)
        case .character("]"):
            return runs.update(.selectRun(by: 1), status: &status)
        case .character("o"):
            openRuns()
        case .character("Q"):
            return openQueue()
        case .character("h"):
            return openHistory()
        case .character("q"):
            return requestQuit()
        default:
            break
        }
        return []
    }

    /// The runs screen: its keys go to the runs; Esc, `?` and `q` are the app's.
    private mutating func runsKey(_ key: Key) -> [Effect] {
        if runs.viewing != nil {
            runs.viewerKey(key, status: &status)
            return key == .character("?") ? screenKey(key) : []
        }
        if key == .character("v"), !pictures.isOn {
            status = "pictures are off (\(pictures.reason)): --images or COMFYKIT_IMAGES turns them on"
            return []
        }
        if let message = RunsComponent.message(for: key) { return runs.update(message, status: &status) }
        return key == .escape ? backToTheList() : screenKey(key)
    }

    /// Back from a screen to the list, its status cleared.
    mutating func backToTheList() -> [Effect] {
        route = .list
        status = ""
        return []
    }

    /// The keys every screen takes when its own update leaves them: `?` help, `q` quit (asking when runs are going).
    mutating func screenKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("?"): help.isShown = true
        case .character("q"): return requestQuit()
        default: break
        }
        return []
    }

    /// `o` on the list: the selected run in full.
    private mutating func openRuns() {
        guard !runs.isEmpty else {
            status = "no runs yet: open a workflow and press Enter"
            return
        }
        route = .runs
        runs.clampOutputSelection()
        status = ""
    }

    // MARK: Pastes and the mouse

    /// A pasted text goes where the keyboard is: the filter or the open form; elsewhere it is ignored.
    private mutating func paste(_ text: String, _ env: TUIEnvironment) {
        let text = normalizedNewlines(text)
        guard !text.isEmpty, !help.isShown else { return }
        if list.isFiltering {
            _ = list.update(.paste(text))
            return
        }
        if route == .history {
            _ = historyMessage(.paste(text), env)
            return
        }
        guard case .form(let path) = route else { return }
        _ = routeToForm(path, .paste(text), env)
    }

    /// A click selects what the frame showed under it: a workflow row (a click on the highlighted one opens it),
    /// a field, a run tab, an output URL.
    private mutating func click(_ target: ClickTarget, _ env: TUIEnvironment) -> [Effect] {
        guard !help.isShown else { return [] }
        switch target {
        case .workflow(let index):
            guard route == .list, list.update(.click(index: index)) == .open else { return [] }
            openSelectedWorkflow(env)
            return []
        case .field(let index):
            guard case .form(let path) = route else { return [] }
            return routeToForm(path, .click(field: index), env)
        case .run(let id):
            return runs.update(.clickRun(id: id), status: &status)
        case .output(let index):
            guard route == .runs else { return [] }
            return runs.update(.clickOutput(index: index), status: &status)
        }
    }

    // MARK: The server and runs

    private var isConnected: Bool {
        if case .connected = server { true } else { false }
    }

    /// A probe found the server after it was unknown or unreachable: fetch its object_info once for this connection.
    private mutating func fetchObjectInfoIfNewlyConnected(previous: ServerStatus) -> [Effect] {
        guard case .connected = server, !isFetchingObjectInfo else { return [] }
        if case .connected = previous, objectInfo != nil { return [] }
        isFetchingObjectInfo = true
        return [.fetchObjectInfo]
    }

    mutating func applyRunEvent(_ event: RunEvent, to id: Int) {
        guard runs.all.contains(where: { $0.id == id }) else { return }
        _ = runs.update(.event(runID: id, event, clock: clock), status: &status)
        switch event {
        case .connectionLost: connection = .lost
        case .submitted, .reconnected, .started, .progress: connection = .connected
        case .finished(let outcome):
            guard case .validation(let error)? = outcome.failure, let run = runs.all.first(where: { $0.id == id }),
                  var form = forms[run.workflowPath] else { return }
            let marked = form.markServerErrors(error)
            forms[run.workflowPath] = form
            if marked > 0 { status += " (\(marked) field\(marked == 1 ? "" : "s") marked)" }
        default: break
        }
    }

    /// While the filter narrows the list, the status counts what it shows out of all.
    private mutating func showFilterCount() {
        status = list.filter.isEmpty ? "\(list.entries.count) workflow(s)"
            : "\(list.visibleEntries.count) of \(list.entries.count) workflow(s) match “\(list.filter)”"
    }

    /// Editor files read before the catalog was known are converted once it is.
    private mutating func convertEditorEntries() {
        guard let catalog else { return }
        for index in list.entries.indices {
            list.entries[index].content = list.entries[index].content.converted(with: catalog, path: list.entries[index].path)
        }
    }

    /// Editor files wait for a catalog: ask for one (the server's, else the copy kept on disk), once at a time.
    private mutating func loadCatalogIfWaiting() -> [Effect] {
        guard catalog == nil, !isLoadingCatalog,
              list.entries.contains(where: { if case .waitingForCatalog = $0.content { true } else { false } }) else { return [] }
        isLoadingCatalog = true
        return [.loadCatalog]
    }

    /// A rescan nobody asked for says so on the list, and leaves a form's status alone.
    private mutating func showScanSummary(_ summary: String, automatic: Bool? = nil) {
        if !(automatic ?? list.autoRescan.isScanning) {
            status = summary
        } else if route == .list {
            status = "folder changed: " + summary
        }
    }
}
