import CNCursesW

/// Maps style slots to curses colour pairs and attributes, as the resolved theme says.
struct Palette {
    let theme: ResolvedTheme

    /// Sets up one colour pair per slot; call after `start_color`.
    func install() {
        guard theme.useColor else { return }
        for slot in StyleSlot.allCases {
            let style = theme.style(for: slot)
            init_pair(Int16(slot.rawValue + 1),
                      style.foreground.cursesNumber(colors: theme.terminalColors),
                      style.background.cursesNumber(colors: theme.terminalColors))
        }
    }

    func attributes(for cell: Cell) -> UInt32 {
        var value: UInt32 = 0
        let attributes = cell.attributes.union(theme.style(for: cell.style).attributes)
        if attributes.contains(.bold) { value |= shim_a_bold() }
        if attributes.contains(.underline) { value |= shim_a_underline() }
        if attributes.contains(.reverse) { value |= shim_a_reverse() }
        if attributes.contains(.dim) { value |= shim_a_dim() }
        if theme.useColor {
            value |= UInt32(bitPattern: shim_color_pair(Int32(cell.style.rawValue + 1)))
        }
        return value
    }

    /// The same look as an SGR sequence, for text written past curses (``NCursesTerminal``'s emoji sequences).
    func sgr(for cell: Cell) -> String {
        var codes = ["0"]
        let attributes = cell.attributes.union(theme.style(for: cell.style).attributes)
        if attributes.contains(.bold) { codes.append("1") }
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.reverse) { codes.append("7") }
        if theme.useColor {
            let style = theme.style(for: cell.style)
            codes.append(Self.color(style.foreground.cursesNumber(colors: theme.terminalColors), base: 30, bright: 90, extended: 38))
            codes.append(Self.color(style.background.cursesNumber(colors: theme.terminalColors), base: 40, bright: 100, extended: 48))
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func color(_ number: Int16, base: Int, bright: Int, extended: Int) -> String {
        switch number {
        case ..<0: String(base + 9)
        case 0..<8: String(base + Int(number))
        case 8..<16: String(bright + Int(number) - 8)
        default: "\(extended);5;\(number)"
        }
    }
}
