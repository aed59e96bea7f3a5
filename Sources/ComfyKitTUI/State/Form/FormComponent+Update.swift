import ComfyKit

/// What reaches a form: keys and pastes while it has the keyboard, clicks on its fields, the runtime's answers.
enum FormMessage: Hashable, Sendable {
    case key(Key)
    case paste(String)
    /// A click on a field, by index.
    case click(field: Int)
    /// The entries matching a media field's path at a Tab.
    case pathCandidates(field: String, text: String, candidates: [PathCandidate])
    case seedDrawn(field: String, seed: Int)
}

extension FormComponent {
    /// What the form asks of the app after a message.
    enum Outcome: Hashable, Sendable {
        case effects([Effect])
        /// Esc: back to the list.
        case back
        /// ⏎ with every field valid and the file as read (or its change acknowledged): run with these params.
        case submit([String: ParamValue])
        /// ⏎ with a sweep typed under the fields, every line valid (and confirmed above 50 prompts).
        case submitSweep(SweepRequest)
        /// ^X: cancel the selected run.
        case cancelRun
    }

    /// What the form needs to know of the app.
    struct Context {
        /// Where the multi-line editor lays out its text.
        let editor: TextEditorGeometry
        /// Whether the server's `/object_info` has arrived (else a combo has no choices yet).
        let catalogLoaded: Bool
        /// The workflow's name in the list, for messages.
        let displayName: String
    }

    mutating func update(_ message: FormMessage, _ env: TUIEnvironment, _ context: Context, status: inout String) -> Outcome {
        switch message {
        case .key(let key):
            return handle(key, env, context, status: &status)
        case .paste(let text):
            paste(text, env, context, status: &status)
        case .click(let index):
            // Not while a choice picker or the multi-line editor is open over the form: they own the keyboard.
            guard fields.indices.contains(index), picker == nil, editor == nil, sweep.confirming == nil else { break }
            focus = index
            sweep.editing = nil
        case .pathCandidates(let name, let text, let candidates):
            applyPathCandidates(candidates, field: name, text: text, env, status: &status)
        case .seedDrawn(let name, let seed):
            guard let index = fields.firstIndex(where: { $0.name == name }) else { break }
            fields[index].setText(String(seed), env)
        }
        return .effects([])
    }

    private mutating func handle(_ key: Key, _ env: TUIEnvironment, _ context: Context, status: inout String) -> Outcome {
        if picker == nil, editor == nil, let outcome = handleSweepKey(key, env, context, status: &status) { return outcome }
        if let effects = handleFieldEditorKey(key, env, context, status: &status) { return .effects(effects) }
        switch key {
        case .escape:
            return .back
        case .enter:
            return submit(env, context, status: &status)
        case .tab, .down:
            moveFocus(by: 1)
        case .backTab, .up:
            moveFocus(by: -1)
        case .control("x"):
            return .cancelRun
        case .control("r"):
            guard fields.indices.contains(focus), fields[focus].isSeed else { break }
            return .effects([.drawSeed(workflowPath: workflowPath, field: fields[focus].name)])
        case .control("d"):
            guard fields.indices.contains(focus), workflow.spec.params.indices.contains(focus) else { break }
            fields[focus].setText(FieldState(workflow.spec.params[focus], env).text, env)
            status = "\(fields[focus].name): back to the workflow's value"
        case .control("l"):
            status = "reading \(context.displayName) again…"
            return .effects([.reloadWorkflow(path: workflowPath)])
        default:
            guard fields.indices.contains(focus) else { break }
            fields[focus].edit(with: key, env)
        }
        return .effects([])
    }

    /// Valid params, unless a field is in error or the file changed since the form read it (said once: the
    /// next ⏎ runs the version shown).
    private mutating func submit(_ env: TUIEnvironment, _ context: Context, status: inout String) -> Outcome {
        guard let params = validatedParams(env) else {
            status = "\(errorCount) field(s) need a value or a fix"
            return .effects([])
        }
        if !acceptsChangedFile, fileChanged(env) {
            acceptsChangedFile = true
            status = "\(context.displayName) changed on disk since this form opened: ^L reloads it, ⏎ runs the version shown"
            return .effects([])
        }
        acceptsChangedFile = false
        return sweep.isActive ? submitSweep(params, status: &status) : .submit(params)
    }

    /// The server refused the prompt: each failing input bound to a DSL param shows its message on that field.
    /// Returns how many fields were marked.
    mutating func markServerErrors(_ error: ValidationError) -> Int {
        var marked = 0
        for node in error.nodeErrors {
            for input in node.inputErrors {
                guard let param = input.paramName, let field = fields.firstIndex(where: { $0.name == param }) else { continue }
                fields[field].error = "server: " + input.message + (input.details.isEmpty || input.details == input.inputName ? "" : " — " + input.details)
                marked += 1
            }
        }
        return marked
    }
}

extension FieldState {
    /// A key typed into the focused field, re-checked after.
    mutating func edit(with key: Key, _ env: TUIEnvironment) {
        if kind == .bool {
            // A toggle: Space flips it, and nothing is typed into it.
            guard key == .character(" ") else { return }
            setText(isOn ? "false" : "true", env)
            return
        }
        guard line.apply(key) == .edited else { return }
        completion = nil
        revalidate(env)
    }

    /// A true/false field's state as its toggle shows it: on only when its text says `true`.
    var isOn: Bool { text.trimmingWhitespace().lowercased() == "true" }

    /// Replaces the text, cursor at its end, and re-checks it.
    mutating func setText(_ newText: String, _ env: TUIEnvironment) {
        text = newText
        cursor = newText.count
        revalidate(env)
    }
}
