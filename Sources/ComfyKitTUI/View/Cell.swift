import CellWidth

/// One terminal column: a grapheme, its style slot and attributes.
///
/// The right half of a wide character is a continuation cell (empty `text`); backends skip it.
struct Cell: Hashable, Sendable {
    var text: String
    var style: StyleSlot
    var attributes: CellAttributes

    init(_ text: String = " ", style: StyleSlot = .normal, attributes: CellAttributes = []) {
        self.text = text
        self.style = style
        self.attributes = attributes
    }

    static let blank = Cell()

    var isContinuation: Bool { text.isEmpty }
    /// The columns this cell's grapheme covers (2 for a wide character).
    var width: Int { isContinuation ? 0 : max(1, CellWidth.of(text)) }
}

/// A cell that differs from the previous frame, for the backend to write.
struct CellChange: Hashable, Sendable {
    let column: Int
    let row: Int
    let cell: Cell
}
