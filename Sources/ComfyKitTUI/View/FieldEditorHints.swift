/// The hint bar while the picker or the multi-line editor has the keyboard; `nil` otherwise.
func overlayHints(for state: AppState) -> [(key: String, action: String)]? {
    guard let form = state.currentForm else { return nil }
    if form.editor != nil {
        return [("Esc/^O", "done"), ("⏎", "new line"), ("↑↓←→", "move"), ("^A/^E", "row start/end"), ("^K/^U", "cut")]
    }
    if form.picker != nil {
        return [("⏎", "pick"), ("↑↓", "move"), ("type", "filter"), ("Esc", "cancel")]
    }
    return nil
}

/// Extra hints for the focused field: its editors.
func fieldHints(for state: AppState) -> [(key: String, action: String)] {
    guard let form = state.currentForm, form.fields.indices.contains(form.focus) else { return [] }
    let field = form.fields[form.focus]
    var hints: [(key: String, action: String)] = []
    if field.choices != nil { hints.append((field.kind == .media ? "^O" : "Space", field.kind == .media ? "server files" : "choices")) }
    if field.kind == .string, field.choices == nil { hints.append(("^O", "edit lines")) }
    if field.kind != .string, field.kind != .bool, field.choices == nil, field.input?.type != "COMBO" { hints.append(("^O", "edit")) }
    if field.kind == .media {
        hints.append(PathCompletion.looksLikePath(field.text) ? ("Tab", "complete path") : ("/ ./ ~/", "local path"))
    }
    return hints
}
