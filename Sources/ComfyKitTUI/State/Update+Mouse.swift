// Mouse: a click selects what the frame showed under it (views mark the regions), the wheel moves like ↑/↓.

/// A click: a workflow row is highlighted (a click on the highlighted one opens it), a field is focused,
/// a run tab is selected, an output URL is highlighted.
func handleClick(_ target: ClickTarget, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    guard !state.showsHelp else { return [] }
    switch target {
    case .workflow(let index):
        guard state.route == .list, state.visibleEntries.indices.contains(index) else { return [] }
        state.isFiltering = false
        if state.selected == index { return update(&state, .key(.enter), env) }
        state.selected = index
    case .field(let index):
        // Not while a choice picker or the multi-line editor is open over the form: they own the keyboard.
        guard case .form(let path) = state.route, var form = state.forms[path], form.fields.indices.contains(index),
              form.picker == nil, form.editor == nil else { return [] }
        form.focus = index
        state.forms[path] = form
    case .run(let id):
        guard state.runs.contains(where: { $0.id == id }) else { return [] }
        state.selectedRunID = id == state.runs.last?.id ? nil : id
        state.selectedOutput = 0
    case .output(let index):
        guard state.route == .runs, index < (state.currentRun?.resultURLs.count ?? 0) else { return [] }
        state.selectedOutput = index
    }
    return []
}

/// The wheel: one ↑ or ↓ per notch, so it moves whatever those keys move on the screen showing.
func handleScroll(by notches: Int, in state: inout AppState, _ env: TUIEnvironment) -> [Effect] {
    guard !state.showsHelp, notches != 0 else { return [] }
    let key: Key = notches < 0 ? .up : .down
    return (0..<abs(notches)).flatMap { _ in update(&state, .key(key), env) }
}
