import CellWidth
import ComfyKitPictures

/// One terminal column: a grapheme, its style slot and attributes.
///
/// The right half of a wide character is a continuation cell (empty `text`); backends skip it.
struct Cell: Hashable, Sendable {
    var text: String
    var style: StyleSlot
    var attributes: CellAttributes
    /// A picture's symbol cell: its own colours in place of the style slot's.
    var colors: CellColors?

    init(_ text: String = " ", style: StyleSlot = .normal, attributes: CellAttributes = [], colors: CellColors? = nil) {
        self.text = text
        self.style = style
        self.attributes = attributes
        self.colors = colors
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

/// The colours of a picture's symbol cell; `nil` leaves the terminal's default (monochrome pictures).
struct CellColors: Hashable, Sendable {
    var foreground: RGB?
    var background: RGB?
}
