import CellWidth

/// A one-line sweep field in a form: its label, its text (the cursor a reversed cell while it has the keyboard)
/// and its error.
struct SweepLineView: Widget {
    let label: String
    let edit: LineEdit
    let error: String?
    let focused: Bool

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        _ = draw(into: rect, &screen)
    }

    /// Draws the line and returns the columns it used.
    func draw(into rect: Rect, _ screen: inout Screen) -> Int {
        var x = rect.column
        x += screen.put((focused ? "› " : "↳ ") + label + ": ", at: x, row: rect.row, style: focused ? .accent : .muted,
                        attributes: focused ? .bold : [], limit: rect.width)
        let room = max(0, rect.column + rect.width - x)
        let text = Array(edit.text)
        let valueWidth = max(6, room * 2 / 3)
        let start = max(0, edit.cursor - valueWidth + 1)
        var used = 0
        for index in start...text.count {
            let cell = index < text.count ? String(text[index]) : " "
            guard used + max(1, CellWidth.of(cell)) <= valueWidth else { break }
            if !focused && index == text.count { break }
            used += screen.put(cell, at: x + used, row: rect.row, style: .normal,
                               attributes: focused && index == edit.cursor ? .reverse : (focused ? .underline : []))
        }
        x += used
        if let error {
            x += screen.put("  ✗ " + error, at: x, row: rect.row, style: .error, limit: rect.column + rect.width - x - 1)
        }
        return x - rect.column
    }
}

/// The form's last row while a sweep is set: how many prompts ⏎ sends, the count and the seeds' policy.
struct SweepSummaryView: Widget {
    let sweep: FormSweep

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        var x = rect.column + 1
        let prompts = sweep.prompts.map { "⏎ sends \($0) prompt\($0 == 1 ? "" : "s")" } ?? "fix the values first"
        x += screen.put("sweep: " + prompts, at: x, row: rect.row, style: sweep.prompts == nil ? .error : .accent, attributes: .bold,
                        limit: rect.width - 2)
        x += screen.put(" · ", at: x, row: rect.row, style: .muted)
        x += SweepLineView(label: "count", edit: sweep.count, error: sweep.countError, focused: sweep.editing == .count)
            .draw(into: Rect(column: x, row: rect.row, width: max(0, rect.column + rect.width - x), height: 1), &screen)
        x += screen.put(" · seeds \(sweep.seedMode.rawValue) (Alt-M)", at: x, row: rect.row, style: .muted, limit: max(0, rect.column + rect.width - x - 1))
        if let repeats = sweep.identicalRepeats {
            // ComfyUI would run such a prompt once and answer its repeats from its cache.
            screen.put(" · each the same \(repeats.times)× (\(repeats.reason))", at: x, row: rect.row, style: .error,
                       limit: max(0, rect.column + rect.width - x - 1))
        }
    }
}
