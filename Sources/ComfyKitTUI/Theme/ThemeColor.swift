/// A colour in a theme: the terminal's own, or an index into the terminal's palette (0–255).
enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    /// The sixteen ANSI colour names, in palette order (`black` is 0, `bright_white` is 15).
    static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow",
        "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Reads `default`, a colour name such as `bright_blue`, or an index `0`–`255`; `nil` for anything else.
    init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: lowered) {
            self = .indexed(index)
        } else if let index = Int(text), (0...255).contains(index) {
            self = .indexed(index)
        } else {
            return nil
        }
    }

    /// The curses colour number; -1 is the terminal's own colour (with `use_default_colors`).
    ///
    /// On a terminal with fewer than 16 colours the bright colours become their plain ones.
    func cursesNumber(colors: Int) -> Int16 {
        switch self {
        case .terminalDefault: -1
        case .indexed(let index) where index < colors: Int16(index)
        case .indexed(let index) where index < 16: Int16(index - 8)
        case .indexed: -1
        }
    }
}
