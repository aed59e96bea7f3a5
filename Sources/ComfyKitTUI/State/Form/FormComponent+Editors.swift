// The form's editors: the choice picker, the multi-line editor, Tab completion of media paths, and pastes.

extension FormComponent {
    /// Keys the open picker or editor takes, and the keys that open them; `nil` leaves the key to the form.
    mutating func handleFieldEditorKey(_ key: Key, _ env: TUIEnvironment, _ context: Context, status: inout String) -> [Effect]? {
        if editor != nil {
            handleTextEditorKey(key, env, geometry: context.editor)
            return []
        }
        if picker != nil {
            handlePickerKey(key, env, status: &status)
            return []
        }
        guard fields.indices.contains(focus) else { return nil }
        let field = fields[focus]
        switch key {
        case .character(" ") where field.kind != .media && field.choices != nil, .control("o") where field.choices != nil:
            // ^O opens the field's own editor: a field with choices is edited by picking, as Space does.
            picker = ChoicePicker(field: focus, choices: field.choices ?? [], current: field.text)
            return []
        case .control("o") where field.kind != .bool && field.input?.type != "COMBO":
            // Every other field typed into opens in the editor (a long number or path reads whole there); ^E
            // stays end-of-line, as in every readline field.
            var opened = TextEditor(field: focus, text: field.text)
            opened.scrollToCursor(width: context.editor.textWidth, height: context.editor.textHeight)
            editor = opened
            return []
        case .control("o") where field.kind != .bool,
             .character(" ") where field.kind != .media && field.kind != .bool && field.input?.type == "COMBO":
            status = context.catalogLoaded
                ? "the server lists no choices for \(field.name)"
                : "choices come from the server's /object_info, not loaded yet"
            return []
        case .tab where field.kind == .media && PathCompletion.looksLikePath(field.text):
            if var completion = field.completion, completion.shownText == field.text, completion.candidates.count > 1 {
                fields[focus].setText(completion.cycle(), env)
                fields[focus].completion = completion
                status = completion.listing()
                return []
            }
            return [.completePath(workflowPath: workflowPath, field: field.name, text: field.text)]
        default:
            return nil
        }
    }

    /// The editor has the keyboard (and ⏎) until it closes; then the field takes its text back.
    private mutating func handleTextEditorKey(_ key: Key, _ env: TUIEnvironment, geometry: TextEditorGeometry) {
        guard var open = editor, fields.indices.contains(open.field) else {
            editor = nil
            return
        }
        switch open.update(key, in: geometry) {
        case .editing:
            editor = open
        case .done(let text):
            // Only a text field holds several lines: a number or a path keeps one.
            fields[open.field].setText(fields[open.field].kind == .string ? text : withoutNewlines(text), env)
            editor = nil
        }
    }

    /// The picker has the keyboard until it closes; a picked choice becomes the field's text.
    private mutating func handlePickerKey(_ key: Key, _ env: TUIEnvironment, status: inout String) {
        guard var open = picker, fields.indices.contains(open.field) else {
            picker = nil
            return
        }
        switch open.update(key) {
        case .open:
            picker = open
        case .closed:
            picker = nil
        case .picked(let choice):
            fields[open.field].setText(choice, env)
            status = "\(fields[open.field].name) = \(choice)"
            picker = nil
        }
    }

    /// The directory read for a Tab came back; ignored if the field changed meanwhile.
    mutating func applyPathCandidates(_ candidates: [PathCandidate], field name: String, text: String, _ env: TUIEnvironment,
                                      status: inout String) {
        guard let index = fields.firstIndex(where: { $0.name == name }), fields[index].text == text else { return }
        switch PathCompletion.outcome(for: text, candidates: candidates) {
        case .noMatch:
            status = "nothing matches \(text)"
        case .complete:
            // A whole file name: Tab goes on to the next field, as it does everywhere else.
            fields[index].completion = nil
            if focus == index { moveFocus(by: 1) }
        case .extended(let newText, let completion):
            fields[index].setText(newText, env)
            fields[index].completion = completion
            status = completion?.listing() ?? ""
        case .ambiguous(let completion):
            fields[index].completion = completion
            status = completion.listing()
        }
    }

    /// A bracketed paste goes where the keyboard is: the open editor, the picker's search, or the focused field;
    /// its newlines never act as Enter (a paste never submits).
    mutating func paste(_ text: String, _ env: TUIEnvironment, _ context: Context, status: inout String) {
        let geometry = context.editor
        if var open = editor {
            open.insert(contentsOf: text)
            open.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
            editor = open
            return
        }
        if var open = picker {
            for character in withoutNewlines(text) { open.type(character) }
            picker = open
            return
        }
        if sweep.editing != nil {
            sweep.insert(withoutNewlines(text))
            sweep.revalidate(workflow.spec, fields: fields)
            return
        }
        guard fields.indices.contains(focus) else { return }
        let field = fields[focus]
        if field.kind == .string, text.contains("\n") {
            // A multi-line text in a one-line field: the editor opens with it, as ^O would, so ⏎ stays a newline.
            var opened = TextEditor(field: focus, text: field.text, cursor: field.cursor)
            opened.insert(contentsOf: text)
            opened.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
            editor = opened
            status = "pasted \(text.count) characters into \(field.name): Esc or ^O puts them in the field"
            return
        }
        guard field.kind != .bool else { return }
        fields[focus].line.insert(contentsOf: field.kind == .string ? text : withoutNewlines(text))
        fields[focus].completion = nil
        fields[focus].revalidate(env)
    }
}

/// CR LF and a lone CR (what terminals send for Enter) become LF.
func normalizedNewlines(_ text: String) -> String {
    guard text.contains(where: { $0 == "\r" || $0 == "\r\n" }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        result.append(character == "\r" || character == "\r\n" ? "\n" : character)
    }
    return result
}

/// The text with its line breaks dropped, for fields that hold one line (numbers, paths, the filter).
func withoutNewlines(_ text: String) -> String {
    text.filter { !$0.isNewline }
}
