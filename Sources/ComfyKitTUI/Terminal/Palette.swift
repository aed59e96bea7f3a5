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
}
