/// A rectangle of the screen that a view draws into.
struct Rect: Hashable, Sendable {
    var column: Int
    var row: Int
    var width: Int
    var height: Int

    var bottom: Int { row + height }
    var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Splits off `rows` rows at the bottom (fewer when the rectangle is smaller).
    func splitBottom(_ rows: Int) -> (top: Rect, bottom: Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(column: column, row: row, width: width, height: height - taken),
                Rect(column: column, row: bottom - taken, width: width, height: taken))
    }
}
