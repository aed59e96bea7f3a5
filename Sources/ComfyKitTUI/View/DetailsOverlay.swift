import CellWidth

/// A message that reads whole: a box in the middle of the screen with the text wrapped (Enter on a broken
/// workflow shows its path and reason).
struct DetailsOverlay: Widget {
    let details: Details

    func render(into area: Rect, _ screen: inout Screen) {
        let width = max(4, min(area.width - 2, 100))
        let lines = wrapped(details.text, to: width - 4)
        let height = max(3, min(area.height - 2, lines.count + 4))
        let column = area.column + (area.width - width) / 2
        let top = area.row + (area.height - height) / 2
        Box.draw(Rect(column: column, row: top, width: width, height: height), title: details.title, into: &screen)
        for (offset, line) in lines.prefix(height - 4).enumerated() {
            screen.put(line, at: column + 2, row: top + 2 + offset, limit: width - 4)
        }
    }
}

/// What the details box shows.
struct Details: Hashable, Sendable {
    let title: String
    let text: String
}
