import CellWidth

/// The multi-line editor over the form: wrapped rows, the cursor as a reversed cell, a scroll position.
struct TextEditorView: Widget {
    let editor: TextEditor
    let fieldName: String

    /// Draws over the body of `area` (the whole screen), where ``TextEditorGeometry`` says.
    func render(into area: Rect, _ screen: inout Screen) {
        let geometry = TextEditorGeometry(width: area.width, height: area.height)
        let frame = geometry.frame
        let rows = editor.rows(width: geometry.textWidth)
        let cursorRow = editor.cursorPosition(in: rows)
        let cursor = (row: cursorRow, column: editor.columns(rows[cursorRow].start..<editor.cursor))
        // The stored scroll, nudged so the cursor shows even after a resize the editor has not seen.
        var top = min(editor.top, max(0, rows.count - geometry.textHeight))
        if cursor.row < top { top = cursor.row }
        if cursor.row >= top + geometry.textHeight { top = cursor.row - geometry.textHeight + 1 }
        // From the layout, not the text: building a String of a long prompt every frame is what costs.
        let lines = editor.characters.isEmpty ? 0 : rows.count { $0.endsWithNewline } + 1
        Box.draw(frame, title: "\(fieldName) — \(lines) line\(lines == 1 ? "" : "s"), \(editor.characters.count) chars", into: &screen)
        let column = frame.column + 2
        for index in top..<min(rows.count, top + geometry.textHeight) {
            let row = rows[index]
            let y = frame.row + 1 + index - top
            var x = column
            for position in row.start..<row.end {
                let character = editor.characters[position]
                let attributes: CellAttributes = position == editor.cursor ? .reverse : []
                // Control characters other than the newline (tabs, pasted CRs) take a visible cell.
                let shown = CellWidth.of(character) == 0 && character.unicodeScalars.first.map({ $0.value < 0x20 }) == true ? "·" : String(character)
                x += screen.put(shown, at: x, row: y, attributes: attributes)
            }
            let cursorAtEnd = index == cursor.row && editor.cursor == row.end
            if row.endsWithNewline {
                screen.put("⏎", at: x, row: y, style: .muted, attributes: cursorAtEnd ? .reverse : [])
            } else if cursorAtEnd {
                screen.put(" ", at: x, row: y, attributes: .reverse)
            }
        }
        if top > 0 { screen.put("↑ \(top) more", at: frame.column + frame.width - 14, row: frame.row, style: .muted) }
        let below = rows.count - top - geometry.textHeight
        if below > 0 { screen.put("↓ \(below) more", at: frame.column + frame.width - 14, row: frame.bottom - 1, style: .muted) }
        screen.put("Esc done  ⏎ new line  ↑↓←→ Home End move", at: column, row: frame.bottom - 2, style: .hint,
                   limit: frame.width - 4)
    }
}
