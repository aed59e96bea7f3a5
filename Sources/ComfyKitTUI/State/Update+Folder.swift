// The folder scan in three steps: the names from the directory listing (shown at once), then the files'
// contents as they are read, then the finished scan (``applyScannedEntries(_:in:)``).

/// The directory listing: every file is listed, still being read. On a rescan, a file already on the list keeps
/// what was read of it until its new reading arrives, so the list does not flash.
func applyListedEntries(_ listed: [WorkflowEntry], in state: inout AppState) {
    let previous = Dictionary(state.entries.map { ($0.path, $0.content) }, uniquingKeysWith: { first, _ in first })
    var entries = listed
    for index in entries.indices {
        if let content = previous[entries[index].path] { entries[index].content = content }
    }
    replaceEntries(with: entries, in: &state)
    state.isLoading = true
    showScanSummary("\(entries.count) workflow(s), reading…", in: &state)
}

/// Some files read: their entries take the content; entries no longer listed are ignored.
func applyReadEntries(_ read: [WorkflowEntry], in state: inout AppState, _ env: TUIEnvironment) {
    let indices = Dictionary(state.entries.indices.map { (state.entries[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
    for entry in read {
        guard let index = indices[entry.path] else { continue }
        state.entries[index].content = entry.content
    }
    openPendingWorkflowIfRead(in: &state, env)
}

/// Enter on a workflow still being read opens it once it is read, unless the user moved on meanwhile.
func openPendingWorkflowIfRead(in state: inout AppState, _ env: TUIEnvironment) {
    guard let path = state.pendingOpen else { return }
    guard state.route == .list, !state.showsHelp, let entry = state.selectedEntry, entry.path == path else {
        state.pendingOpen = nil
        return
    }
    if case .loading = entry.content { return }
    openSelectedWorkflow(in: &state, env)
}

/// The list becomes `entries`; the highlighted workflow stays highlighted if it is still there.
func replaceEntries(with entries: [WorkflowEntry], in state: inout AppState) {
    let selectedPath = state.selectedEntry?.path
    state.entries = entries
    if let selectedPath, let index = state.visibleEntries.firstIndex(where: { $0.path == selectedPath }) {
        state.selected = index
    } else {
        state.selected = min(state.selected, max(0, state.visibleEntries.count - 1))
    }
}

/// A rescan nobody asked for says so on the list, and leaves a form's status alone.
func showScanSummary(_ summary: String, in state: inout AppState) {
    if !state.autoRescan.isScanning {
        state.status = summary
    } else if state.route == .list {
        state.status = "folder changed: " + summary
    }
}

/// ^L's new reading of a form's file: the entry and the form take it, the field texts kept by param name.
func applyReloadedWorkflow(_ entry: WorkflowEntry, in state: inout AppState, _ env: TUIEnvironment) {
    if let index = state.entries.firstIndex(where: { $0.path == entry.path }) { state.entries[index].content = entry.content }
    let name = displayName(of: entry.path, in: state)
    guard case .ready(let workflow) = entry.content else {
        state.status = "\(name) cannot be reloaded: \(entry.content.problem ?? "not read yet")"
        return
    }
    guard let old = state.forms[entry.path] else { return }
    var form = FormState(workflowPath: entry.path, workflow: workflow, remembered: old.fieldTexts, env)
    if let info = state.objectInfo { form.attach(info, env) }
    form.focus = min(old.focus, max(0, form.fields.count - 1))
    state.forms[entry.path] = form
    state.status = "reloaded \(name): \(form.fields.count) field(s)"
}
