import ComfyKit

// The form's editors: the server's choices and ranges, the choice picker, the multi-line editor and
// Tab completion of media paths. Update.swift hands keys and messages here.

/// Keys the open picker or editor takes, and the keys that open them; `nil` leaves the key to the form.
func handleFieldEditorKey(_ key: Key, form: inout FormState, path: String, in state: inout AppState, _ env: TUIEnvironment) -> [Effect]? {
    if form.editor != nil {
        handleTextEditorKey(key, form: &form, state: state, env)
        return []
    }
    if form.picker != nil {
        handlePickerKey(key, form: &form, state: &state, env)
        return []
    }
    guard form.fields.indices.contains(form.focus) else { return nil }
    let field = form.fields[form.focus]
    switch key {
    case .control("e") where field.kind == .string:
        var editor = TextEditor(field: form.focus, text: field.text)
        let geometry = TextEditorGeometry(width: state.width, height: state.height)
        editor.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
        form.editor = editor
        return []
    case .character(" ") where field.kind != .media && field.choices != nil, .control("o") where field.choices != nil:
        form.picker = ChoicePicker(field: form.focus, choices: field.choices ?? [], current: field.text)
        return []
    case .control("o"), .character(" ") where field.kind != .media && field.kind != .bool && field.input?.type == "COMBO":
        state.status = state.objectInfo == nil
            ? "choices come from the server's /object_info, not loaded yet"
            : "the server lists no choices for \(field.name)"
        return []
    case .tab where field.kind == .media && PathCompletion.looksLikePath(field.text):
        if var completion = field.completion, completion.shownText == field.text, completion.candidates.count > 1 {
            form.fields[form.focus].setText(completion.cycle(), env)
            form.fields[form.focus].completion = completion
            state.status = completion.listing()
            return []
        }
        return [.completePath(workflowPath: path, field: field.name, text: field.text)]
    default:
        return nil
    }
}

private func handleTextEditorKey(_ key: Key, form: inout FormState, state: AppState, _ env: TUIEnvironment) {
    guard var editor = form.editor, form.fields.indices.contains(editor.field) else {
        form.editor = nil
        return
    }
    let geometry = TextEditorGeometry(width: state.width, height: state.height)
    switch key {
    case .escape, .control("e"):
        // The field takes the text back on closing: the editor has the keyboard (and ⏎) until then.
        form.fields[editor.field].setText(editor.text, env)
        form.editor = nil
        return
    case .enter: editor.insertNewline()
    case .character(let c): editor.insert(c)
    case .backspace: editor.deleteBackward()
    case .delete: editor.deleteForward()
    case .left: editor.moveLeft()
    case .right: editor.moveRight()
    case .up: editor.moveVertically(by: -1, width: geometry.textWidth)
    case .down: editor.moveVertically(by: 1, width: geometry.textWidth)
    case .home: editor.moveToRowEdge(end: false, width: geometry.textWidth)
    case .end: editor.moveToRowEdge(end: true, width: geometry.textWidth)
    default: return
    }
    editor.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
    form.editor = editor
}

private func handlePickerKey(_ key: Key, form: inout FormState, state: inout AppState, _ env: TUIEnvironment) {
    guard var picker = form.picker, form.fields.indices.contains(picker.field) else {
        form.picker = nil
        return
    }
    switch key {
    case .escape:
        form.picker = nil
        return
    case .enter:
        if let choice = picker.selection {
            form.fields[picker.field].setText(choice, env)
            state.status = "\(form.fields[picker.field].name) = \(choice)"
        }
        form.picker = nil
        return
    case .up: picker.move(by: -1)
    case .down: picker.move(by: 1)
    case .home: picker.move(by: -picker.choices.count)
    case .end: picker.move(by: picker.choices.count)
    case .backspace: picker.deleteBackward()
    case .character(let c): picker.type(c)
    default: return
    }
    form.picker = picker
}

// MARK: - Messages

/// A probe found the server after it was unknown or unreachable: fetch its object_info once for this connection.
func fetchObjectInfoIfNewlyConnected(previous: ServerStatus, in state: inout AppState) -> [Effect] {
    guard case .connected = state.server, !state.isFetchingObjectInfo else { return [] }
    if case .connected = previous, state.objectInfo != nil { return [] }
    state.isFetchingObjectInfo = true
    return [.fetchObjectInfo]
}

/// The server's catalog arrived: every open form gets its choices and ranges.
func applyObjectInfo(_ info: ObjectInfo, in state: inout AppState, _ env: TUIEnvironment) {
    state.objectInfo = info
    state.isFetchingObjectInfo = false
    for path in state.forms.keys { state.forms[path]?.attach(info, env) }
}

/// The directory read for a Tab came back; ignored if the field changed meanwhile.
func applyPathCandidates(_ candidates: [PathCandidate], workflowPath: String, field name: String, text: String,
                         in state: inout AppState, _ env: TUIEnvironment) {
    guard var form = state.forms[workflowPath], let index = form.fields.firstIndex(where: { $0.name == name }),
          form.fields[index].text == text else { return }
    defer { state.forms[workflowPath] = form }
    switch PathCompletion.outcome(for: text, candidates: candidates) {
    case .noMatch:
        state.status = "nothing matches \(text)"
    case .complete:
        // A whole file name: Tab goes on to the next field, as it does everywhere else.
        form.fields[index].completion = nil
        if form.focus == index { form.moveFocus(by: 1) }
    case .extended(let newText, let completion):
        form.fields[index].setText(newText, env)
        form.fields[index].completion = completion
        state.status = completion?.listing() ?? ""
    case .ambiguous(let completion):
        form.fields[index].completion = completion
        state.status = completion.listing()
    }
}

extension FieldState {
    /// Replaces the text, cursor at its end, and re-checks it.
    mutating func setText(_ newText: String, _ env: TUIEnvironment) {
        text = newText
        cursor = newText.count
        revalidate(env)
    }
}
