import CellWidth

/// The `?` overlay: every key in a box in the middle of the screen.
struct HelpOverlay: Widget {
    /// How pictures are shown and why (``PictureDisplay/reason``), in the box's title (every line is a key's).
    var pictures = ""

    /// Draws a box centred in `area` (the whole screen).
    func render(into area: Rect, _ screen: inout Screen) {
        let keyWidth = (helpLines.map { CellWidth.of($0.key) }.max() ?? 0) + 2
        let textWidth = helpLines.map { CellWidth.of($0.action) }.max() ?? 0
        let width = min(area.width - 2, keyWidth + textWidth + 4)
        // A blank line above and below the keys when there is room; on a short terminal the keys come first.
        let padding = helpLines.count + 4 <= area.height - 2 ? 1 : 0
        let height = min(area.height - 2, helpLines.count + 2 + 2 * padding)
        let column = area.column + (area.width - width) / 2
        let top = area.row + (area.height - height) / 2
        Box.draw(Rect(column: column, row: top, width: width, height: height), title: "Keys · images: " + (pictures.isEmpty ? "off" : pictures), into: &screen)
        for (offset, line) in helpLines.prefix(height - 2 - 2 * padding).enumerated() {
            let row = top + 1 + padding + offset
            screen.put(line.key, at: column + 2, row: row, style: .accent, attributes: .bold, limit: keyWidth)
            screen.put(line.action, at: column + 2 + keyWidth, row: row, limit: width - keyWidth - 4)
        }
    }
}
