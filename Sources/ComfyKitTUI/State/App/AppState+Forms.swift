import ComfyKit

// The workflow forms: opening one from the list (or once its file is read), handing it messages, ^L's reload.
extension AppState {
    /// What the form needs to know of the app.
    func formContext(_ path: String) -> FormComponent.Context {
        FormComponent.Context(editor: TextEditorGeometry(width: width, height: height), catalogLoaded: objectInfo != nil,
                              displayName: list.displayName(of: path))
    }

    /// Hands a message to the form of `path` and acts on its outcome.
    mutating func routeToForm(_ path: String, _ message: FormMessage, _ env: TUIEnvironment) -> [Effect] {
        guard var form = forms[path] else {
            if case .key = message { route = .list }
            return []
        }
        let outcome = form.update(message, env, formContext(path), status: &status)
        forms[path] = form
        switch outcome {
        case .effects(let effects):
            return effects
        case .back:
            // The form is kept as left, for this session and the next.
            _ = backToTheList()
            guard rememberedForms[path] != form.fieldTexts else { return [] }
            rememberedForms[path] = form.fieldTexts
            return [.rememberForm(workflowPath: path, values: form.fieldTexts)]
        case .cancelRun:
            return runs.update(.cancelSelected, status: &status)
        case .submit(let params):
            rememberedForms[path] = form.fieldTexts
            let name = list.displayName(of: path)
            let id = runs.start(workflowPath: path, workflowName: name, isRunningHub: form.workflow.loaded.runningHubID != nil,
                                workflow: form.workflow.loaded.workflow)
            status = "run #\(id) started: \(name)"
            return [.startRun(runID: id, workflowPath: path, workflow: form.workflow.loaded, params: params),
                    .rememberForm(workflowPath: path, values: form.fieldTexts)]
        case .submitSweep(let request):
            rememberedForms[path] = form.fieldTexts
            let name = list.displayName(of: path)
            let prompts = form.sweep.prompts ?? 1
            let id = runs.startSweep(prompts: prompts, workflowPath: path, workflowName: name, workflow: form.workflow.loaded.workflow)
            status = "sweep of \(prompts) prompt(s) started: runs #\(id)–#\(id + prompts - 1), \(name)"
            return [.startSweep(sweepID: id, workflowPath: path, workflow: form.workflow.loaded, request: request),
                    .rememberForm(workflowPath: path, values: form.fieldTexts)]
        }
    }

    /// Opens the highlighted workflow's form (kept from before, else new from remembered texts); one still being
    /// read opens once it is read.
    mutating func openSelectedWorkflow(_ env: TUIEnvironment) {
        guard let entry = list.selectedEntry else { return }
        list.pendingOpen = nil
        switch entry.content {
        case .loading:
            list.pendingOpen = entry.path
            status = "reading \(entry.displayName)…"
        case .broken, .runningHubStub, .waitingForCatalog:
            status = "\(entry.displayName) cannot be opened: \(entry.content.problem ?? "")"
            details = Details(title: entry.displayName, text: (entry.content.problem ?? "") + "\n\n" + entry.path)
        case .ready(let workflow):
            if forms[entry.path] == nil {
                var form = FormComponent(workflowPath: entry.path, workflow: workflow,
                                         remembered: rememberedForms[entry.path] ?? [:], env)
                if let objectInfo { form.attach(objectInfo, env) }
                forms[entry.path] = form
            }
            route = .form(workflowPath: entry.path)
            status = workflow.spec.params.isEmpty ? "no params: Enter runs it as is" : ""
        }
    }

    /// Enter on a workflow still being read opens it once it is read, unless the user moved on meanwhile.
    mutating func openPendingWorkflowIfRead(_ env: TUIEnvironment) {
        guard let path = list.pendingOpen else { return }
        guard route == .list, !help.isShown, let entry = list.selectedEntry, entry.path == path else {
            list.pendingOpen = nil
            return
        }
        if case .loading = entry.content { return }
        openSelectedWorkflow(env)
    }

    /// ^L's new reading of a form's file: the entry and the form take it, the field texts kept by param name.
    mutating func applyReloadedWorkflow(_ entry: WorkflowEntry, _ env: TUIEnvironment) {
        list.applyReloaded(entry)
        let name = list.displayName(of: entry.path)
        guard case .ready(let workflow) = entry.content else {
            status = "\(name) cannot be reloaded: \(entry.content.problem ?? "not read yet")"
            return
        }
        guard let old = forms[entry.path] else { return }
        var form = FormComponent(workflowPath: entry.path, workflow: workflow, remembered: old.fieldTexts, env)
        if let objectInfo { form.attach(objectInfo, env) }
        form.focus = min(old.focus, max(0, form.fields.count - 1))
        forms[entry.path] = form
        status = "reloaded \(name): \(form.fields.count) field(s)"
    }
}
