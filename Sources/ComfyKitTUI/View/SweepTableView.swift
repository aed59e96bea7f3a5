import CellWidth

/// A sweep's runs as a table, one row per prompt: its varied values, the server it went to, how it is or how it
/// ended, and its outputs; the selected run's row stands out and stays in view.
struct SweepTableView: Widget {
    let runs: [RunState]
    let selected: Int

    func render(into rect: Rect, _ screen: inout Screen) {
        guard rect.height > 1, !runs.isEmpty else { return }
        let done = runs.count { $0.phase == .finished(.completed) }
        screen.put("─ sweep: \(runs.count) prompts, \(done) completed " + String(repeating: "─", count: rect.width), at: rect.column,
                   row: rect.row, style: .muted, limit: rect.width)
        let visible = rect.height - 1
        let position = runs.firstIndex { $0.id == selected } ?? 0
        let first = max(0, min(position - visible / 2, runs.count - visible))
        let labelWidth = min(rect.width / 2, (runs.map { CellWidth.of($0.sweepLabel) }.max() ?? 0) + 2)
        let serverWidth = min(24, (runs.map { CellWidth.of($0.server ?? "-") }.max() ?? 1) + 2)
        for (offset, run) in runs.dropFirst(first).prefix(visible).enumerated() {
            let row = rect.row + 1 + offset
            let isSelected = run.id == selected
            screen.mark(.run(id: run.id), row: row, columns: rect.column..<(rect.column + rect.width))
            var x = rect.column + 1
            x += screen.put(isSelected ? "› " : "  ", at: x, row: row, style: .accent)
            let label = run.sweepLabel.isEmpty ? "prompt \((run.sweep?.index ?? 0) + 1)" : run.sweepLabel
            screen.put("#\(run.id)", at: x, row: row, style: .muted, limit: 6)
            x += 6
            screen.put(label, at: x, row: row, style: isSelected ? .accent : .normal, attributes: isSelected ? .bold : [], limit: labelWidth)
            x += labelWidth
            screen.put(run.server ?? "-", at: x, row: row, style: .muted, limit: serverWidth)
            x += serverWidth
            let outputs = run.outputs.isEmpty ? "" : "  \(run.outputs.count) output\(run.outputs.count == 1 ? "" : "s")"
            screen.put(Self.state(of: run) + outputs, at: x, row: row, style: Self.style(of: run), limit: max(0, rect.column + rect.width - x - 1))
        }
    }

    private static func state(of run: RunState) -> String {
        switch run.phase {
        case .starting: run.promptID == nil ? "waiting" : "queued"
        case .uploading: "uploading"
        case .queued: "queued"
        case .running: "running \(Int(run.overall * 100))%"
        case .finished(let status): status.rawValue
        }
    }

    private static func style(of run: RunState) -> StyleSlot {
        switch run.phase {
        case .finished(.completed): .success
        case .finished: .error
        default: .accent
        }
    }
}
