import CellWidth

/// A combo field's choices in a box below (or above) the field: the filter on top, the selection highlighted.
struct ComboPickerView: Widget {
    let picker: ChoicePicker
    let fieldName: String
    /// The screen row of the field it fills, which the box never covers.
    let fieldRow: Int
    /// The box's left edge.
    let column: Int

    /// The most choices shown at once; the list scrolls to keep the selection in view.
    static let maxRows = 10

    /// Draws the box at ``column``, under ``fieldRow`` when it fits in `bounds` (the form's area), else above it.
    func render(into bounds: Rect, _ screen: inout Screen) {
        let visible = picker.visible
        let widest = visible.map { CellWidth.of($0) }.max() ?? 0
        let width = min(bounds.width - column + bounds.column, max(28, widest + 6))
        let rows = max(1, min(Self.maxRows, visible.count))
        let wanted = rows + 3  // border, filter line, border
        // Below the field if it fits, else above; else on the roomier side, shortened. Never over the field.
        let spaceBelow = bounds.bottom - fieldRow - 1, spaceAbove = fieldRow - bounds.row
        let box: Rect = if wanted <= spaceBelow || spaceBelow >= spaceAbove {
            Rect(column: column, row: fieldRow + 1, width: width, height: min(wanted, spaceBelow))
        } else {
            Rect(column: column, row: fieldRow - min(wanted, spaceAbove), width: width, height: min(wanted, spaceAbove))
        }
        guard box.height >= 4, box.width >= 12 else { return }
        Box.draw(box, title: "\(fieldName): \(visible.count)/\(picker.choices.count)", into: &screen)
        let inner = box.width - 4
        screen.put("/" + picker.filterLine.marked(), at: box.column + 2, row: box.row + 1, style: picker.filter.isEmpty ? .muted : .normal, limit: inner)
        let shownRows = box.height - 3
        let first = max(0, min(picker.selected - shownRows + 1, visible.count - shownRows))
        if visible.isEmpty {
            screen.put("no choice contains “\(picker.filter)”", at: box.column + 2, row: box.row + 2, style: .muted, limit: inner)
        }
        for (offset, choice) in visible.enumerated().dropFirst(first).prefix(shownRows) {
            let row = box.row + 2 + offset - first
            let isSelected = offset == picker.selected
            if isSelected { screen.fill(row: row, from: box.column + 1, width: box.width - 2, style: .selection) }
            screen.put((isSelected ? "› " : "  ") + choice, at: box.column + 1, row: row,
                       style: isSelected ? .selection : .normal, limit: box.width - 2)
        }
    }
}
