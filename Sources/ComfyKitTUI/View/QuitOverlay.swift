import CellWidth

/// The question `q` asks with runs in flight, and then the wait for their cancels: a box in the middle.
struct QuitOverlay: Widget {
    let quit: QuitComponent

    var lines: [String] {
        switch quit.phase {
        case .idle: []
        case .asking(let count):
            ["\(count) run\(count == 1 ? "" : "s") in flight:", "c cancel them and quit · l leave them running and quit · Esc stay"]
        case .cancelling:
            ["cancelling \(quit.awaiting.count) run(s)…", "^C quits now and leaves them running"]
        }
    }

    func render(into area: Rect, _ screen: inout Screen) {
        let lines = lines
        guard !lines.isEmpty else { return }
        let width = min(area.width - 2, (lines.map(CellWidth.of).max() ?? 0) + 6)
        let height = min(area.height - 2, lines.count + 4)
        let column = area.column + (area.width - width) / 2
        let top = area.row + (area.height - height) / 2
        Box.draw(Rect(column: column, row: top, width: width, height: height), title: "Quit", into: &screen)
        for (offset, line) in lines.prefix(height - 4).enumerated() {
            screen.put(line, at: column + 3, row: top + 2 + offset, style: offset == 0 ? .accent : .normal, limit: width - 5)
        }
    }
}
