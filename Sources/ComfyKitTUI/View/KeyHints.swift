/// The keys that do something now, for the hint bar: `[(key, what it does)]`.
func keyHints(for state: AppState) -> [(key: String, action: String)] {
    switch state.quit.phase {
    case .asking: return [("c", "cancel them and quit"), ("l", "leave them running and quit"), ("Esc", "stay")]
    case .cancelling: return [("^C", "quit now")]
    case .idle: break
    }
    if state.help.isShown { return [("Esc", "close help")] }
    if state.details != nil { return [("Esc", "close")] }
    if state.list.isFiltering { return [("⏎", "keep filter"), ("Esc", "clear"), ("↑↓", "move")] }
    switch state.route {
    case .list:
        var hints: [(key: String, action: String)] = [("⏎", "open"), ("j/k", "move"), ("/", "filter"), ("r", "rescan")]
        if state.currentRun?.isActive == true { hints.append(("c", "cancel run")) }
        if state.currentRun?.outputs.isEmpty == false { hints.append(("d", "download")) }
        if !state.runs.isEmpty { hints.append(("o", "runs")) }
        if state.runs.all.count > 1 { hints.append(("[ ]", "run")) }
        if state.recording == .on { hints.append(("h", "history")) }
        return hints + [("?", "help"), ("q", "quit"), ("Q", "server queue")]
    case .queue:
        if state.queue.confirming != nil { return [("y", "cancel it"), ("any other key", "keep it")] }
        return [("Esc", "back"), ("j/k", "move"), ("x", "cancel ours"), ("r", "refresh"), ("?", "help"), ("q", "quit")]
    case .history:
        return historyHints(state.history)
    case .runs where state.runs.viewing != nil:
        return [("←/→", "picture"), ("Esc", "back"), ("?", "help")]
    case .runs:
        var hints: [(key: String, action: String)] = [("Esc", "back")]
        if state.runs.all.count > 1 { hints.append(("[ ]", "run")) }
        if state.currentRun?.outputs.isEmpty == false {
            hints += [("j/k", "output"), ("⏎", "download"), ("D", "all"), ("y", state.runs.selectedOutputURL == nil ? "copy text" : "copy URL")]
            if state.pictures.isOn, state.runs.selectedOutputURL.map({ MediaKind(url: $0).isPicture }) == true { hints.append(("v", "view")) }
        }
        if state.currentRun?.isActive == true { hints.append(("c", "cancel run")) }
        return hints + [("?", "help"), ("q", "quit")]
    case .form:
        if let hints = overlayHints(for: state) { return hints }
        if let hints = sweepHints(for: state) { return hints }
        var hints: [(key: String, action: String)] = [("⏎", "run"), ("Tab", "next"), ("S-Tab", "prev"), ("Esc", "back")]
        if state.currentForm.map({ form in form.fields.indices.contains(form.focus) && form.fields[form.focus].kind == .bool }) == true {
            hints.append(("Space", "toggle"))
        }
        if state.currentForm.map({ form in form.fields.indices.contains(form.focus) && form.fields[form.focus].isSeed }) == true {
            hints.append(("^R", "random seed"))
        }
        if state.currentForm?.acceptsChangedFile == true { hints.append(("^L", "reload")) }
        hints.append(("^T", "sweep values"))
        hints += fieldHints(for: state)
        if hints.contains(where: { $0.key == "Tab" && $0.action != "next" }) { hints.removeAll { $0.key == "Tab" && $0.action == "next" } }
        if state.currentRun?.isActive == true { hints.append(("^X", "cancel run")) }
        return hints + [("F1", "help")]
    }
}

/// A form's sweep keys: its confirmation's, or its line's while one has the keyboard; `nil` otherwise.
private func sweepHints(for state: AppState) -> [(key: String, action: String)]? {
    guard let sweep = state.currentForm?.sweep else { return nil }
    if let prompts = sweep.confirming { return [("y", "send \(prompts) prompts"), ("Esc", "do not")] }
    guard let editing = sweep.editing else { return nil }
    var hints: [(key: String, action: String)] = [("⏎", sweep.prompts.map { "run \($0) prompt(s)" } ?? "run"), ("Tab", "next field"), ("Esc", "leave")]
    if case .values = editing { hints.append(("^T", "one value again")) }
    return hints + [("Alt-N", "count"), ("Alt-M", "seeds: \(sweep.seedMode.rawValue)"), ("F1", "help")]
}

/// The history screen's keys: the filter's while typing, a confirmation's, else the runs'.
private func historyHints(_ history: HistoryComponent) -> [(key: String, action: String)] {
    if history.isFiltering { return [("⏎", "keep filter"), ("Esc", "clear"), ("↑↓", "move")] }
    if let id = history.confirmingForget { return [("y", "forget run \(id)"), ("any key", "keep it")] }
    var hints: [(key: String, action: String)] = history.isInspecting ? [("Esc", "back"), ("j/k", "scroll")]
        : [("⏎", "inspect"), ("j/k", "move"), ("/", "filter"), ("Esc", history.filter.isEmpty ? "back" : "clear filter")]
    if history.selectedRecord != nil { hints += [("R", "re-run"), ("d", "download"), ("x", "forget")] }
    return hints + [("?", "help"), ("q", "quit")]
}

/// Every key, for the `?` overlay.
let helpLines: [(key: String, action: String)] = [
    ("j/k ↑/↓ PgUp/Dn", "move in the list, or between fields; page"),
    ("⏎", "open a workflow; in a form, run it (from any field)"),
    ("Tab S-Tab", "next / previous field"),
    ("←/→ ^A ^E Alt-B/F", "cursor: a character / start, end / a word"),
    ("^U ^K ^W", "cut to the start / to the end / the word before"),
    ("^R  ^L  ^D", "a random seed / read the file again / field to its default"),
    ("Space  ^O", "toggle [x]/[ ]; pick a choice (^O: server files)"),
    ("^O  Tab", "edit text on several lines / complete a path (/ ./ ~/)"),
    ("/", "filter the list (letters in order: tx2 finds txt2img); Esc clears"),
    ("r", "rescan the folder"),
    ("o  Q  [ ]", "runs: outputs, log / server queue / previous, next run"),
    ("^T Alt-N Alt-M", "sweep: a field's values (10,20 · 4..8:0.5) / count / seeds"),
    ("h  R  x", "run history: ⏎ inspect, R re-run, d download, x forget"),
    ("c x  ^X", "cancel the selected run (list, runs / form)"),
    ("d  D", "download outputs, texts as .txt (runs: the highlighted / D all)"),
    ("y  v", "runs: copy the highlighted URL or text (OSC 52) / view it (←/→)"),
    ("click wheel", "select a row, field, run or output / move (--no-mouse: off)"),
    ("Esc", "back"),
    ("?  F1", "this help (F1 also in a form)"),
    ("q  ^C", "quit (q only outside a text field); asks if runs are going"),
]
