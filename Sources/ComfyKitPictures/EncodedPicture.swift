/// A picture made ready for a terminal: escape-sequence graphics to write at a rect's top-left, or symbol art as
/// text cells for curses.
public enum EncodedPicture: Sendable, Equatable {
    /// Kitty, sixel or iTerm2 bytes to write with the cursor at the rect's top-left (already wrapped for tmux when
    /// the choice passes through it), and the cells they cover. Writing them moves the cursor.
    case graphics(bytes: [UInt8], columns: Int, rows: Int)
    /// Symbol art as rows of text cells: one grapheme with its colours each (none under `NO_COLOR`).
    case symbols([[SymbolCell]])

    /// The cells the picture covers.
    public var columns: Int {
        switch self {
        case .graphics(_, let columns, _): columns
        case .symbols(let rows): rows.first?.count ?? 0
        }
    }

    public var rows: Int {
        switch self {
        case .graphics(_, _, let rows): rows
        case .symbols(let rows): rows.count
        }
    }
}

/// One cell of symbol art: a one-column grapheme (a space, a half block, a quadrant, a box-drawing line) drawn in
/// `foreground` over `background`; `nil` colours are the terminal's own (monochrome, or a transparent pixel).
public struct SymbolCell: Sendable, Hashable {
    public let character: Character
    public let foreground: RGB?
    public let background: RGB?

    public init(character: Character, foreground: RGB?, background: RGB?) {
        (self.character, self.foreground, self.background) = (character, foreground, background)
    }
}
