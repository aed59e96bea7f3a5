import ComfyKit

/// Applies a message to the state and returns the work to do; pure, so every key path is testable.
func update(_ state: inout AppState, _ message: Message, _ env: TUIEnvironment) -> [Effect] {
    switch message {
    case .key(let key):
        return handle(key, in: &state, env)
    case .paste(let text):
        handlePaste(text, in: &state, env)
        return []
    case .folderListed(let entries):
        applyListedEntries(entries, in: &state)
        return []
    case .entriesRead(let entries):
        applyReadEntries(entries, in: &state, env)
        return []
    case .folderLoaded(let entries):
        applyScannedEntries(entries, in: &state, env)
        return []
    case .folderFailed(let reason):
        state.isLoading = false
        state.autoRescan.isScanning = false
        state.status = reason
        return []
    case .workflowReloaded(let entry):
        applyReloadedWorkflow(entry, in: &state, env)
        return []
    case .runEvent(let id, let event):
        applyRunEvent(event, to: id, in: &state)
        return []
    case .downloaded(let id, let paths):
        state.status = "run #\(id): saved " + paths.joined(separator: ", ")
        return []
    case .downloadFailed(let id, let reason):
        state.status = "run #\(id): download failed: \(reason)"
        return []
    case .downloadProgress, .fileSaved, .fileFailed:
        applyDownloadReport(message, in: &state)
        return []
    case .folderChanged:
        noteFolderChanged(in: &state)
        return []
    case .clicked(let target):
        return handleClick(target, in: &state, env)
    case .scrolled(let notches):
        return handleScroll(by: notches, in: &state, env)
    case .resize(let width, let height):
        state.width = width
        state.height = height
        return []
    case .serverProbed(let status):
        let previous = state.server
        state.server = status
        return fetchObjectInfoIfNewlyConnected(previous: previous, in: &state)
    case .objectInfoLoaded(let info):
        applyObjectInfo(info, in: &state, env)
        return []
    case .objectInfoFailed:
        // Offline forms work as before; the next reconnection tries again.
        state.isFetchingObjectInfo = false
        return []
    case .pathCandidates(let path, let field, let text, let candidates):
        applyPathCandidates(candidates, workflowPath: path, field: field, text: text, in: &state, env)
        return []
    case .clock(let seconds):
        state.clock = seconds
        return rescanIfDue(in: &state)
    case .seedDrawn(let path, let name, let seed):
        guard var form = state.forms[path], let index = form.fields.firstIndex(where: { $0.name == name }) else { return [] }
        form.fields[index].text = String(seed)
        form.fields[index].cursor = form.fields[index].text.count
        form.fields[index].revalidate(env)
        state.forms[path] = form
        return []
    }
}

private func handle(_ key: Key, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    if key == .control("c") { return [.quit] }
    if state.showsHelp {
        if key == .escape || key == .character("?") || key == .character("q") { state.showsHelp = false }
        return []
    }
    if state.isFiltering { return handleFilterKey(key, in: &state, env) }
    switch state.route {
    case .list: return handleListKey(key, in: &state, env)
    case .form(let path): return handleFormKey(key, path: path, in: &state, env)
    case .runs: return handleRunsKey(key, in: &state)
    }
}

private func handleListKey(_ key: Key, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    let count = state.visibleEntries.count
    switch key {
    case .character("j"), .down:
        if count > 0 { state.selected = min(state.selected + 1, count - 1) }
    case .character("k"), .up:
        state.selected = max(state.selected - 1, 0)
    case .home, .character("g"):
        state.selected = 0
    case .end, .character("G"):
        state.selected = max(0, count - 1)
    case .enter:
        openSelectedWorkflow(in: &state, env)
    case .character("/"):
        state.isFiltering = true
    case .escape:
        if !state.filter.isEmpty {
            state.filter = ""
            state.selected = 0
        }
    case .character("?"):
        state.showsHelp = true
    case .character("r"):
        state.isLoading = true
        state.status = "rescanning…"
        return [.loadFolder(path: state.folder)]
    case .character("c"), .character("x"):
        return cancelSelectedRun(in: &state)
    case .character("d"):
        return downloadAllOutputs(in: &state)
    case .character("["):
        selectRun(by: -1, in: &state)
    case .character("]"):
        selectRun(by: 1, in: &state)
    case .character("o"):
        openRuns(in: &state)
    case .character("q"):
        return [.quit]
    default:
        break
    }
    return []
}

private func handleFilterKey(_ key: Key, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    switch key {
    case .enter:
        state.isFiltering = false
    case .escape:
        state.isFiltering = false
        state.filter = ""
    case .backspace:
        if !state.filter.isEmpty { state.filter.removeLast() }
    case .character(let c):
        state.filter.append(c)
    case .down, .up:
        state.isFiltering = false
        return handleListKey(key, in: &state, env)
    default:
        break
    }
    state.selected = 0
    return []
}

func openSelectedWorkflow(in state: inout AppState, _ env: TUIEnvironment) {
    guard let entry = state.selectedEntry else { return }
    state.pendingOpen = nil
    switch entry.content {
    case .loading:
        state.pendingOpen = entry.path
        state.status = "reading \(entry.displayName)…"
    case .broken, .runningHubStub:
        state.status = "\(entry.displayName) cannot be opened: \(entry.content.problem ?? "")"
    case .ready(let workflow):
        if state.forms[entry.path] == nil {
            state.forms[entry.path] = FormState(workflowPath: entry.path, workflow: workflow,
                                                remembered: state.rememberedForms[entry.path] ?? [:], env)
            if let info = state.objectInfo { state.forms[entry.path]?.attach(info, env) }
        }
        state.route = .form(workflowPath: entry.path)
        state.status = workflow.spec.params.isEmpty ? "no params: Enter runs it as is" : ""
    }
}

private func handleFormKey(_ key: Key, path: String, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    guard var form = state.forms[path] else {
        state.route = .list
        return []
    }
    defer { state.forms[path] = form }
    if let effects = handleFieldEditorKey(key, form: &form, path: path, in: &state, env) { return effects }
    switch key {
    case .escape:
        state.route = .list
        state.status = ""
    case .enter:
        return submit(&form, in: &state, env)
    case .tab, .down:
        form.moveFocus(by: 1)
    case .backTab, .up:
        form.moveFocus(by: -1)
    case .control("x"):
        return cancelSelectedRun(in: &state)
    case .control("r"):
        guard form.fields.indices.contains(form.focus), form.fields[form.focus].isSeed else { return [] }
        return [.drawSeed(workflowPath: path, field: form.fields[form.focus].name)]
    case .control("l"):
        state.status = "reading \(displayName(of: path, in: state)) again…"
        return [.reloadWorkflow(path: path)]
    default:
        guard form.fields.indices.contains(form.focus) else { return [] }
        edit(&form.fields[form.focus], with: key, env)
    }
    return []
}

private func edit(_ field: inout FieldState, with key: Key, _ env: TUIEnvironment) {
    switch key {
    case .character(" ") where field.kind == .bool:
        field.text = field.text.lowercased() == "true" ? "false" : "true"
        field.cursor = field.text.count
    case .character(let c): field.insert(c)
    case .backspace: field.deleteBackward()
    case .delete: field.deleteForward()
    case .left: field.moveCursor(by: -1)
    case .right: field.moveCursor(by: 1)
    case .home: field.cursor = 0
    case .end: field.cursor = field.text.count
    default: return
    }
    field.revalidate(env)
}

private func submit(_ form: inout FormState, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    guard let params = form.validatedParams(env) else {
        state.status = "\(form.errorCount) field(s) need a value or a fix"
        return []
    }
    let name = displayName(of: form.workflowPath, in: state)
    if !form.acceptsChangedFile, form.fileChanged(env) {
        form.acceptsChangedFile = true
        state.status = "\(name) changed on disk since this form opened: ^L reloads it, ⏎ runs the version shown"
        return []
    }
    form.acceptsChangedFile = false
    state.rememberedForms[form.workflowPath] = form.fieldTexts
    let id = state.nextRunID
    state.nextRunID += 1
    state.runs.append(RunState(id: id, workflowPath: form.workflowPath, workflowName: name))
    state.selectedRunID = nil
    state.selectedOutput = 0
    state.status = "run #\(id) started: \(name)"
    return [.startRun(runID: id, workflowPath: form.workflowPath, workflow: form.workflow.loaded, params: params),
            .rememberForm(workflowPath: form.workflowPath, values: form.fieldTexts)]
}

private func applyRunEvent(_ event: RunEvent, to id: Int, in state: inout AppState) {
    guard let index = state.runs.firstIndex(where: { $0.id == id }) else { return }
    state.runs[index].apply(event, at: state.clock)
    switch event {
    case .connectionLost: state.connection = .lost
    case .submitted, .reconnected, .started, .progress: state.connection = .connected
    case .finished(let outcome):
        let run = state.runs[index]
        state.status = "run #\(id) \(run.phase == .finished(.completed) ? "completed" : "ended")" + (run.message.map { ": \($0)" } ?? "")
        if case .validation(let error)? = outcome.failure {
            pointAtFields(error, workflowPath: run.workflowPath, in: &state)
        }
    default: break
    }
}

/// The server refused the prompt: each failing input bound to a DSL param shows its message on that field.
private func pointAtFields(_ error: ValidationError, workflowPath: String, in state: inout AppState) {
    guard var form = state.forms[workflowPath] else { return }
    var marked = 0
    for node in error.nodeErrors {
        for input in node.inputErrors {
            guard let param = input.paramName, let field = form.fields.firstIndex(where: { $0.name == param }) else { continue }
            form.fields[field].error = "server: " + input.message + (input.details.isEmpty || input.details == input.inputName ? "" : " — " + input.details)
            marked += 1
        }
    }
    state.forms[workflowPath] = form
    if marked > 0 { state.status += " (\(marked) field\(marked == 1 ? "" : "s") marked)" }
}

/// The list's name for a workflow path; the path itself once it is no longer listed.
func displayName(of path: String, in state: AppState) -> String {
    state.entries.first { $0.path == path }?.displayName ?? path
}
