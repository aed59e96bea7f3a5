import CellWidth

/// The workflow list: one line per file, broken ones with their reason.
struct ListView: Widget {
    let list: WorkflowList
    /// The folder, for the empty and loading lines.
    let folder: String

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        var area = rect
        if list.isFiltering || !list.filter.isEmpty {
            screen.put("/" + (list.isFiltering ? list.filterLine.marked() : list.filter), at: area.column + 1, row: area.row, style: .accent)
            area.row += 1
            area.height -= 1
        }
        let entries = list.visibleEntries
        if entries.isEmpty {
            let text = list.isLoading ? "loading \(folder)…" : (list.filter.isEmpty ? "no workflows in \(folder)" : "nothing matches “\(list.filter)”")
            screen.put(text, at: area.column + 2, row: area.row, style: .muted, limit: area.width - 2)
            return
        }
        let first = max(0, min(list.selected - area.height + 1, entries.count - area.height))
        let nameWidth = Self.nameColumnWidth(names: entries.map(\.displayName), width: area.width)
        for (offset, entry) in entries.dropFirst(first).prefix(area.height).enumerated() {
            screen.mark(.workflow(index: first + offset), row: area.row + offset, columns: area.column..<(area.column + area.width))
            line(entry, selected: first + offset == list.selected, into: &screen, row: area.row + offset, width: area.width,
                 nameWidth: nameWidth)
        }
    }

    /// The names' column: as wide as the longest name and a gap, up to two thirds of the row, at least 20.
    static func nameColumnWidth(names: [String], width: Int) -> Int {
        let longest = names.map(CellWidth.of).max() ?? 0
        return max(min(20, width), min(longest + 2, (width - 3) * 2 / 3))
    }

    private func line(_ entry: WorkflowEntry, selected: Bool, into screen: inout Screen, row: Int, width: Int, nameWidth: Int) {
        // The `selection` slot alone: a theme's colours mean what they say (NO_COLOR adds reverse to the slot itself).
        if selected { screen.fill(row: row, width: width, style: .selection) }
        let nameStyle: StyleSlot = selected ? .selection : .normal
        var x = 1
        x += screen.put(selected ? "› " : "  ", at: x, row: row, style: nameStyle)
        screen.put(middleTruncated(entry.displayName, to: nameWidth - 1), at: x, row: row, style: nameStyle,
                   limit: nameWidth - 1)
        x += nameWidth
        switch entry.content {
        case .ready(let workflow):
            let spec = workflow.spec
            let required = spec.params.count(where: \.isRequired)
            let params = (spec.params.count == 1 ? "1 param" : "\(spec.params.count) params") + (required > 0 ? " (\(required) required)" : "")
            let outputs = spec.outputs.map(\.name).joined(separator: ", ")
            screen.put((workflow.isEditor ? "✎ " : "") + params + (outputs.isEmpty ? "" : " → " + outputs), at: x, row: row,
                       style: selected ? .selection : .muted, limit: width - x - 1)
        case .loading:
            screen.put("reading…", at: x, row: row, style: selected ? .selection : .muted, limit: width - x - 1)
        case .waitingForCatalog:
            screen.put("✎ editor file: waiting for the server", at: x, row: row, style: selected ? .selection : .muted, limit: width - x - 1)
        case .broken, .runningHubStub:
            screen.put("✗ " + (entry.content.problem ?? ""), at: x, row: row, style: .error, limit: width - x - 1)
        }
    }
}
