/// A bordered box with a title, cleared inside: the frame of the overlays (picker, editor).
enum Box {
    static func draw(_ rect: Rect, title: String, into screen: inout Screen) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        screen.coverPictures(under: rect)
        for row in rect.row..<rect.bottom { screen.fill(row: row, from: rect.column, width: rect.width, style: .normal) }
        let bar = String(repeating: "─", count: rect.width - 2)
        screen.put("┌" + bar + "┐", at: rect.column, row: rect.row, style: .accent)
        screen.put("└" + bar + "┘", at: rect.column, row: rect.bottom - 1, style: .accent)
        for row in (rect.row + 1)..<(rect.bottom - 1) {
            screen.put("│", at: rect.column, row: row, style: .accent)
            screen.put("│", at: rect.column + rect.width - 1, row: row, style: .accent)
        }
        screen.put(" " + title + " ", at: rect.column + 2, row: rect.row, style: .accent, attributes: .bold, limit: rect.width - 4)
    }
}
