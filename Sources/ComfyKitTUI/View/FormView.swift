import CellWidth

/// A workflow's form: one line per param with its kind, value and inline error; `*` marks required.
struct FormView: Widget {
    let form: FormComponent
    /// The workflow's name in the list.
    let title: String

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        screen.put(title, at: rect.column + 1, row: rect.row, style: .accent, attributes: .bold, limit: rect.width - 2)
        if form.fields.isEmpty {
            screen.put("This workflow has no params; press ⏎ to run it.", at: rect.column + 2, row: rect.row + 2, style: .muted,
                       limit: rect.width - 3)
            return
        }
        // The sweep's summary takes the last row; each field's "values for" line the row under it.
        let summary = form.sweep.isActive ? 1 : 0
        let rows = rect.height - 2 - summary
        guard rows > 0 else { return }
        let nameWidth = min(24, (form.fields.map { CellWidth.of($0.name) }.max() ?? 0) + 3)
        var layout: [(field: Int, isSweep: Bool)] = []
        for (index, field) in form.fields.enumerated() {
            layout.append((index, false))
            if form.sweep.line(for: field.name) != nil { layout.append((index, true)) }
        }
        let focusRow = layout.lastIndex { $0.field == form.focus } ?? 0
        let first = max(0, min(focusRow - rows + 1, layout.count - rows))
        var fieldRows: [Int: Int] = [:]
        for (offset, entry) in layout.enumerated().dropFirst(first).prefix(rows) {
            let row = rect.row + 2 + offset - first
            let field = form.fields[entry.field]
            screen.mark(.field(index: entry.field), row: row, columns: rect.column..<(rect.column + rect.width))
            if entry.isSweep, let sweepLine = form.sweep.line(for: field.name) {
                SweepLineView(label: "values for \(field.name)", edit: sweepLine.edit, error: sweepLine.error,
                              focused: form.sweep.editing == .values(param: field.name))
                    .render(into: Rect(column: rect.column + 4, row: row, width: rect.width - 4, height: 1), &screen)
            } else {
                fieldRows[entry.field] = row
                line(field, focused: entry.field == form.focus && form.sweep.editing == nil, nameWidth: nameWidth, into: &screen,
                     row: row, width: rect.width)
            }
        }
        if summary > 0 { SweepSummaryView(sweep: form.sweep).render(into: Rect(column: rect.column, row: rect.bottom - 1, width: rect.width, height: 1), &screen) }
        if let picker = form.picker, form.fields.indices.contains(picker.field), let fieldRow = fieldRows[picker.field] {
            ComboPickerView(picker: picker, fieldName: form.fields[picker.field].name,
                            fieldRow: fieldRow, column: rect.column + nameWidth + 9)
                .render(into: rect, &screen)
        }
    }

    private func line(_ field: FieldState, focused: Bool, nameWidth: Int, into screen: inout Screen, row: Int, width: Int) {
        var x = 1
        x += screen.put(focused ? "› " : "  ", at: x, row: row, style: .accent)
        let nameEnd = x + nameWidth
        let used = screen.put(field.name, at: x, row: row, style: focused ? .accent : .normal,
                              attributes: focused ? .bold : [], limit: nameWidth - 2)
        if field.isRequired { screen.put(" *", at: x + used, row: row, style: .required, attributes: .bold) }
        x = nameEnd
        screen.put(field.kind != .media && field.choices != nil ? "combo" : field.kind.rawValue, at: x, row: row, style: .muted, limit: 6)
        x += 7
        let valueWidth = max(8, (width - x) * 2 / 3)
        x += value(field, focused: focused, into: &screen, at: x, row: row, width: valueWidth)
        if let error = field.error {
            screen.put("  ✗ " + error, at: x, row: row, style: .error, limit: width - x - 1)
        } else if let hint = field.hint {
            screen.put("  " + hint, at: x, row: row, style: .muted, limit: width - x - 1)
        }
    }

    /// Draws the value, scrolled so the cursor shows; the focused field's cursor is a reversed cell.
    private func value(_ field: FieldState, focused: Bool, into screen: inout Screen, at column: Int, row: Int, width: Int) -> Int {
        if field.kind == .bool {
            // A toggle, not a text: `[x]` on, `[ ]` off (Space flips it); empty means the workflow's default.
            let box = screen.put(field.isOn ? "[x]" : "[ ]", at: column, row: row, style: .normal, attributes: focused ? .reverse : [])
            let note = field.text.isEmpty ? " default" : ""
            return box + screen.put(note, at: column + box, row: row, style: .muted, limit: width - box)
        }
        let characters = Array(field.text)
        guard focused else {
            let shown = field.text.isEmpty ? "—" : field.text.replacingOccurrences(of: "\n", with: "⏎")
            return screen.put(shown, at: column, row: row, style: field.text.isEmpty ? .muted : .normal, limit: width)
        }
        // The first character shown: as far back from the cursor as fits (linear, for long prompts).
        var start = min(field.cursor, characters.count), used = 0
        while start > 0 {
            let w = CellWidth.of(characters[start - 1])
            if used + w > width - 1 { break }
            used += w
            start -= 1
        }
        var x = column
        for index in start...characters.count {
            let isCursor = index == field.cursor
            let text = index < characters.count ? (characters[index] == "\n" ? "⏎" : String(characters[index])) : " "
            let w = max(1, CellWidth.of(text))
            guard x + w <= column + width else { break }
            x += screen.put(text, at: x, row: row, style: .normal, attributes: isCursor ? .reverse : .underline)
        }
        return x - column
    }
}
