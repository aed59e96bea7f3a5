import CellWidth

/// The smallest terminal the layout fits in.
let minimumSize = (width: 40, height: 10)

/// Draws the whole frame for a state: lays out the rectangles and asks each widget to render into its own.
/// Pure: the same state gives the same cells.
func render(_ state: AppState, into screen: inout Screen) {
    screen = Screen(width: screen.width, height: screen.height)
    guard screen.width >= minimumSize.width, screen.height >= minimumSize.height else {
        renderTooSmall(into: &screen)
        return
    }
    let whole = Rect(of: screen)
    let headerRect = Rect(column: 0, row: 0, width: screen.width, height: 1)
    if state.servers.count > 1 {
        ServersHeaderBar(servers: state.servers.map { ($0, state.ourRuns(on: $0.name)) }, activeRuns: state.runs.all.count(where: \.isActive))
            .render(into: headerRect, &screen)
    } else {
        HeaderBar(serverURL: state.serverURL, connection: state.connection, server: state.server,
                  activeRuns: state.runs.all.count(where: \.isActive))
            .render(into: headerRect, &screen)
    }
    let body = Rect(column: 0, row: 1, width: screen.width, height: screen.height - 3)
    let panelRows = state.runs.isEmpty || state.route == .runs ? 0 : min(7, body.height / 2)
    let (main, panel) = body.splitBottom(panelRows)
    switch state.route {
    case .list: ListView(list: state.list, folder: state.folder).render(into: main, &screen)
    case .form(let path):
        if let form = state.forms[path] { FormView(form: form, title: state.list.displayName(of: path)).render(into: main, &screen) }
    case .runs where state.runs.viewing != nil:
        PictureViewer(runs: state.runs).render(into: main, &screen)
    case .runs: RunsView(runs: state.runs, now: state.clock, showsPictures: state.pictures.isOn).render(into: main, &screen)
    case .queue: QueueView(queue: state.queue, ours: state.ourPrompts).render(into: main, &screen)
    case .history: HistoryView(history: state.history, recording: state.recording).render(into: main, &screen)
    }
    if let run = state.currentRun, !panel.isEmpty {
        RunPanel(run: run, count: state.runs.all.count, now: state.clock,
                 position: state.runs.all.firstIndex { $0.id == run.id } ?? 0, showsPicture: state.pictures.isOn).render(into: panel, &screen)
    }
    screen.put(middleTruncated(detailsLine(state), to: screen.width - 2), at: 1, row: screen.height - 2, style: .muted,
               limit: screen.width - 2)
    HintBar(hints: keyHints(for: state)).render(into: Rect(column: 0, row: screen.height - 1, width: screen.width, height: 1), &screen)
    if let form = state.currentForm, let editor = form.editor, form.fields.indices.contains(editor.field) {
        TextEditorView(editor: editor, fieldName: form.fields[editor.field].name).render(into: whole, &screen)
    }
    if let details = state.details { DetailsOverlay(details: details).render(into: whole, &screen) }
    if state.help.isShown { HelpOverlay(pictures: state.pictures.reason).render(into: whole, &screen) }
    if state.quit.isShown { QuitOverlay(quit: state.quit).render(into: whole, &screen) }
}

/// The line above the hints: on the list, a highlighted broken workflow's path (its row leads with the reason;
/// Enter shows both whole); else the status.
private func detailsLine(_ state: AppState) -> String {
    guard state.route == .list, !state.list.isFiltering, let entry = state.list.selectedEntry, entry.content.problem != nil else {
        return state.status
    }
    return entry.path + "  (⏎ the whole reason)"
}

private func renderTooSmall(into screen: inout Screen) {
    let lines = ["terminal too small", "need \(minimumSize.width)×\(minimumSize.height), have \(screen.width)×\(screen.height)"]
    for (offset, line) in lines.enumerated() {
        let column = max(0, (screen.width - CellWidth.of(line)) / 2)
        screen.put(line, at: column, row: screen.height / 2 - 1 + offset, style: .error)
    }
}

/// The top line: the app, the server and whether it answers, and how many runs are going.
struct HeaderBar: Widget {
    let serverURL: String
    let connection: ConnectionState
    let server: ServerStatus
    let activeRuns: Int

    func render(into area: Rect, _ screen: inout Screen) {
        guard !area.isEmpty else { return }
        screen.fill(row: area.row, from: area.column, width: area.width, style: .header)
        let (label, labelStyle): (String, StyleSlot) = switch (connection, server) {
        case (.lost, _): ("✗ connection lost", .headerError)
        case (_, .connected(let queue)): ("● connected · queue \(queue)", .headerSuccess)
        case (_, .tasks(let running, let queued)): ("● connected · \(running) running, \(queued) queued", .headerSuccess)
        case (_, .unreachable(let reason)): ("○ unreachable: \(reason)", .headerError)
        case (.connected, .unknown): ("● connected", .headerSuccess)
        case (.unknown, .unknown): ("○ idle", .header)
        }
        let running = activeRuns > 0 ? "\(activeRuns) running " : ""
        // By priority: the state, the runs, the server, the name; a part that does not fit whole is left out,
        // so nothing is ever drawn over another part.
        var free = area.width - 1
        func take(_ text: String) -> Bool {
            let width = CellWidth.of(text)
            guard !text.isEmpty, width <= free else { return false }
            free -= width
            return true
        }
        let showsLabel = take(label)
        let showsRunning = take(running)
        let showsURL = take(" " + serverURL + " ")
        let showsName = take(" ComfyKit")
        var x = area.column
        if showsName { x += screen.put(" ComfyKit", at: x, row: area.row, style: .header, attributes: .bold) }
        if showsURL { x += screen.put(" " + serverURL + " ", at: x, row: area.row, style: .header) }
        x += screen.put(" ", at: x, row: area.row, style: .header)
        if showsLabel {
            screen.put(label, at: x, row: area.row, style: labelStyle)
        } else {
            screen.put(label, at: x, row: area.row, style: labelStyle, limit: area.column + area.width - x)
        }
        if showsRunning {
            screen.put(running, at: area.column + area.width - CellWidth.of(running), row: area.row, style: .header)
        }
    }
}

/// The bottom line: the keys that do something now, as many as fit.
struct HintBar: Widget {
    let hints: [(key: String, action: String)]

    func render(into area: Rect, _ screen: inout Screen) {
        guard !area.isEmpty else { return }
        var x = area.column + 1
        for hint in hints {
            let width = CellWidth.of(hint.key) + CellWidth.of(hint.action) + 3
            guard x + width <= area.column + area.width else { break }
            x += screen.put(hint.key, at: x, row: area.row, style: .accent, attributes: .bold)
            x += screen.put(" " + hint.action + "  ", at: x, row: area.row, style: .hint)
        }
    }
}
