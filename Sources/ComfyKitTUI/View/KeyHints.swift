/// The keys that do something now, for the hint bar: `[(key, what it does)]`.
func keyHints(for state: AppState) -> [(key: String, action: String)] {
    if state.showsHelp { return [("Esc", "close help")] }
    if state.isFiltering { return [("⏎", "keep filter"), ("Esc", "clear"), ("↑↓", "move")] }
    switch state.route {
    case .list:
        var hints: [(key: String, action: String)] = [("⏎", "open"), ("j/k", "move"), ("/", "filter"), ("r", "rescan")]
        if state.runs.contains(where: \.isActive) { hints.append(("c", "cancel run")) }
        if state.currentRun?.resultURLs.isEmpty == false { hints.append(("d", "download")) }
        return hints + [("?", "help"), ("q", "quit")]
    case .form:
        var hints: [(key: String, action: String)] = [("⏎", "run"), ("Tab", "next"), ("S-Tab", "prev"), ("Esc", "back")]
        if state.currentForm.map({ form in form.fields.indices.contains(form.focus) && form.fields[form.focus].kind == .bool }) == true {
            hints.append(("Space", "toggle"))
        }
        if state.currentForm.map({ form in form.fields.indices.contains(form.focus) && form.fields[form.focus].isSeed }) == true {
            hints.append(("^R", "random seed"))
        }
        if state.runs.contains(where: \.isActive) { hints.append(("^X", "cancel run")) }
        return hints
    }
}

/// Every key, for the `?` overlay.
let helpLines: [(key: String, action: String)] = [
    ("j/k ↑/↓", "move in the list, or between fields"),
    ("⏎", "open a workflow; in a form, run it (from any field)"),
    ("Tab S-Tab", "next / previous field"),
    ("←/→ Home End", "move the cursor in a field"),
    ("Space", "toggle a true/false field"),
    ("^R", "a random seed in a seed field"),
    ("/", "filter the list; Esc clears the filter"),
    ("r", "rescan the folder"),
    ("c  ^X", "cancel the running run (list / form)"),
    ("d", "download the newest run's outputs"),
    ("Esc", "back"),
    ("?", "this help"),
    ("q  ^C", "quit (q only outside a text field)"),
]
