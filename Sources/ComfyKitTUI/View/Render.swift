import CellWidth

/// The smallest terminal the layout fits in.
let minimumSize = (width: 40, height: 10)

/// Draws the whole frame for a state. Pure: the same state gives the same cells.
func render(_ state: AppState, into screen: inout Screen) {
    screen = Screen(width: screen.width, height: screen.height)
    guard screen.width >= minimumSize.width, screen.height >= minimumSize.height else {
        renderTooSmall(into: &screen)
        return
    }
    renderHeader(state, into: &screen)
    let body = Rect(column: 0, row: 1, width: screen.width, height: screen.height - 3)
    let panelRows = state.runs.isEmpty || state.route == .runs ? 0 : min(7, body.height / 2)
    let (main, panel) = body.splitBottom(panelRows)
    switch state.route {
    case .list: ListView(list: state.list, folder: state.folder).render(into: main, &screen)
    case .form(let path):
        if let form = state.forms[path] { FormView(form: form, title: state.list.displayName(of: path)).render(into: main, &screen) }
    case .runs: RunsView(runs: state.runs, now: state.clock).render(into: main, &screen)
    }
    if let run = state.currentRun, !panel.isEmpty {
        RunPanel(run: run, count: state.runs.all.count, now: state.clock,
                 position: state.runs.all.firstIndex { $0.id == run.id } ?? 0).render(into: panel, &screen)
    }
    screen.put(state.status, at: 1, row: screen.height - 2, style: .muted, limit: screen.width - 2)
    renderHints(keyHints(for: state), into: &screen, row: screen.height - 1)
    if let form = state.currentForm, let editor = form.editor, form.fields.indices.contains(editor.field) {
        TextEditorView(editor: editor, fieldName: form.fields[editor.field].name).render(into: Rect(of: screen), &screen)
    }
    if state.help.isShown { HelpOverlay().render(into: Rect(of: screen), &screen) }
}

private func renderTooSmall(into screen: inout Screen) {
    let lines = ["terminal too small", "need \(minimumSize.width)×\(minimumSize.height), have \(screen.width)×\(screen.height)"]
    for (offset, line) in lines.enumerated() {
        let column = max(0, (screen.width - CellWidth.of(line)) / 2)
        screen.put(line, at: column, row: screen.height / 2 - 1 + offset, style: .error)
    }
}

private func renderHeader(_ state: AppState, into screen: inout Screen) {
    screen.fill(row: 0, style: .header)
    var x = screen.put(" ComfyKit ", at: 0, row: 0, style: .header, attributes: .bold)
    x += screen.put(state.serverURL, at: x, row: 0, style: .header)
    let (label, style): (String, StyleSlot) = switch (state.connection, state.server) {
    case (.lost, _): ("✗ connection lost", .error)
    case (_, .connected(let queue)): ("● connected · queue \(queue)", .success)
    case (_, .unreachable(let reason)): ("○ unreachable: \(reason)", .error)
    case (.connected, .unknown): ("● connected", .success)
    case (.unknown, .unknown): ("○ idle", .header)
    }
    screen.put("  " + label, at: x, row: 0, style: style)
    let active = state.runs.all.count(where: \.isActive)
    if active > 0 {
        let text = "\(active) running "
        screen.put(text, at: screen.width - CellWidth.of(text), row: 0, style: .header)
    }
}

private func renderHints(_ hints: [(key: String, action: String)], into screen: inout Screen, row: Int) {
    var x = 1
    for hint in hints {
        let width = CellWidth.of(hint.key) + CellWidth.of(hint.action) + 3
        guard x + width <= screen.width else { break }
        x += screen.put(hint.key, at: x, row: row, style: .accent, attributes: .bold)
        x += screen.put(" " + hint.action + "  ", at: x, row: row, style: .hint)
    }
}
