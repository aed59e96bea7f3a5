import CellWidth
import ComfyKitHistory

/// The `h` screen: a title with the count and the filter, then the runs newest first (the highlighted one
/// kept in view), or the highlighted run whole while inspected.
struct HistoryView: Widget {
    let history: HistoryComponent
    let recording: HistoryRecording

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        var title = "─ run history: \(history.records.count) of \(history.total) run(s)"
        if !history.filter.isEmpty || history.isFiltering { title += " matching /" + (history.isFiltering ? history.filterLine.marked() : history.filter) }
        if history.isLoading { title += " · reading…" }
        screen.put(title + " " + String(repeating: "─", count: rect.width), at: rect.column, row: rect.row, style: .muted, limit: rect.width)
        let body = Rect(column: rect.column, row: rect.row + 1, width: rect.width, height: rect.height - 1)
        if history.isInspecting, let record = history.selectedRecord {
            renderInspection(record.inspectionLines, into: body, &screen)
        } else {
            renderRows(into: body, &screen)
        }
    }

    private func renderRows(into rect: Rect, _ screen: inout Screen) {
        guard !history.records.isEmpty else {
            let text = switch recording {
            case .off: "runs are not recorded (--no-history or COMFYKIT_NO_HISTORY)"
            case .unavailable(let reason): reason
            case .on: history.isLoading ? "" : history.filter.isEmpty ? "no runs recorded yet" : "no run matches /\(history.filter)"
            }
            screen.put(text, at: rect.column + 2, row: rect.row, style: .muted, limit: rect.width - 3)
            return
        }
        let rows = history.records.map(\.historyRow)
        let workflowWidth = min(max(12, rows.map { CellWidth.of($0.workflow) }.max() ?? 0), max(12, rect.width / 3))
        let first = max(0, min(history.selected - rect.height + 2, history.records.count - rect.height))
        for (offset, index) in (first..<min(history.records.count, first + rect.height)).enumerated() {
            let row = rows[index]
            let y = rect.row + offset
            let isSelected = index == history.selected
            if isSelected { screen.fill(row: y, from: rect.column, width: rect.width, style: .selection) }
            var x = rect.column + 1
            x += screen.put((isSelected ? "› " : "  ") + row.id + "  ", at: x, row: y, style: isSelected ? .selection : .muted)
            screen.put(row.status, at: x, row: y, style: isSelected ? .selection : Self.style(of: history.records[index].status), limit: 11)
            x += 12
            screen.put(middleTruncated(row.workflow, to: workflowWidth), at: x, row: y, style: isSelected ? .selection : .normal, limit: workflowWidth)
            x += workflowWidth + 2
            screen.put(row.when + "  " + row.duration, at: x, row: y, style: isSelected ? .selection : .muted,
                       limit: max(0, rect.column + rect.width - x - 1))
        }
    }

    private static func style(of status: RunRecordStatus) -> StyleSlot {
        switch status {
        case .completed: .success
        case .running: .accent
        default: .error
        }
    }

    private func renderInspection(_ lines: [String], into rect: Rect, _ screen: inout Screen) {
        let first = min(history.inspectOffset, max(0, lines.count - rect.height))
        for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && offset + first > 3
            screen.put(line, at: rect.column + 1, row: rect.row + offset, style: isHeading ? .accent : .normal, limit: rect.width - 2)
        }
    }
}
