/// A semantic colour role; the terminal backend maps each to a colour pair (or to attributes under `NO_COLOR`).
enum StyleSlot: Int, Hashable, Sendable, CaseIterable {
    case normal
    case accent
    case muted
    case error
    case success
    case required
    case header
    case selection
    case hint
    case progressFill
    case progressEmpty
    /// A server's state in the header bar (`● connected`, `○ down`): the state's colour on the bar's background, so
    /// the bar stays one band; themes that do not set them get the success or error foreground on the header.
    case headerSuccess
    case headerError
}

/// Text attributes that work on every terminal, colour or not.
struct CellAttributes: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let bold = CellAttributes(rawValue: 1 << 0)
    static let underline = CellAttributes(rawValue: 1 << 1)
    static let reverse = CellAttributes(rawValue: 1 << 2)
    static let dim = CellAttributes(rawValue: 1 << 3)
}
