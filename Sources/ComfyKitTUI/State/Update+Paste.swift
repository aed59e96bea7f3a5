// A bracketed paste: the whole text arrives as one message, so it is typed into the focused field at once
// and its newlines never act as Enter (a paste never submits a form).

/// Puts a pasted text where the keyboard is: the open multi-line editor, the focused field, the open
/// choice picker's search, or the list's filter; elsewhere it is ignored.
func handlePaste(_ text: String, in state: inout AppState, _ env: TUIEnvironment) {
    let text = normalizedNewlines(text)
    guard !text.isEmpty, !state.showsHelp else { return }
    if state.isFiltering {
        state.filter += withoutNewlines(text)
        state.selected = 0
        return
    }
    guard case .form(let path) = state.route, var form = state.forms[path] else { return }
    defer { state.forms[path] = form }
    let geometry = TextEditorGeometry(width: state.width, height: state.height)
    if var editor = form.editor {
        editor.insert(contentsOf: text)
        editor.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
        form.editor = editor
        return
    }
    if var picker = form.picker {
        for character in withoutNewlines(text) { picker.type(character) }
        form.picker = picker
        return
    }
    guard form.fields.indices.contains(form.focus) else { return }
    let field = form.fields[form.focus]
    if field.kind == .string, text.contains("\n") {
        // A multi-line text in a one-line field: the editor opens with it, as ^E would, so ⏎ stays a newline.
        var editor = TextEditor(field: form.focus, text: field.text, cursor: field.cursor)
        editor.insert(contentsOf: text)
        editor.scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
        form.editor = editor
        state.status = "pasted \(text.count) characters into \(field.name): Esc or ^E puts them in the field"
        return
    }
    form.fields[form.focus].insert(contentsOf: field.kind == .string ? text : withoutNewlines(text))
    form.fields[form.focus].completion = nil
    form.fields[form.focus].revalidate(env)
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
