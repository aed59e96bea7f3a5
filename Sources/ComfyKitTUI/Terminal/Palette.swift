import CNCursesW

/// Maps style slots to curses colour pairs, or to attributes alone when colour is off (`NO_COLOR`).
struct Palette {
    let useColor: Bool

    /// Colours of the default theme, as (foreground, background) curses colour numbers; -1 is the terminal's own.
    private static func colors(for slot: StyleSlot, rich: Bool) -> (Int16, Int16) {
        switch slot {
        case .normal: (-1, -1)
        case .accent: (rich ? 75 : Int16(COLOR_CYAN), -1)
        case .muted: (rich ? 244 : Int16(COLOR_WHITE), -1)
        case .error: (rich ? 203 : Int16(COLOR_RED), -1)
        case .success: (rich ? 114 : Int16(COLOR_GREEN), -1)
        case .required: (rich ? 214 : Int16(COLOR_YELLOW), -1)
        case .header: (rich ? 231 : Int16(COLOR_WHITE), rich ? 24 : Int16(COLOR_BLUE))
        case .selection: (rich ? 231 : Int16(COLOR_WHITE), rich ? 238 : Int16(COLOR_BLUE))
        case .hint: (rich ? 250 : Int16(COLOR_WHITE), -1)
        case .progressFill: (rich ? 78 : Int16(COLOR_GREEN), -1)
        case .progressEmpty: (rich ? 238 : Int16(COLOR_BLACK), -1)
        }
    }

    func install() {
        guard useColor else { return }
        start_color()
        use_default_colors()
        let rich = shim_colors() >= 256
        for slot in StyleSlot.allCases {
            let (fg, bg) = Self.colors(for: slot, rich: rich)
            init_pair(Int16(slot.rawValue + 1), fg, bg)
        }
    }

    func attributes(for cell: Cell) -> UInt32 {
        var value: UInt32 = 0
        if cell.attributes.contains(.bold) { value |= shim_a_bold() }
        if cell.attributes.contains(.underline) { value |= shim_a_underline() }
        if cell.attributes.contains(.reverse) { value |= shim_a_reverse() }
        if cell.attributes.contains(.dim) { value |= shim_a_dim() }
        if useColor {
            value |= UInt32(bitPattern: shim_color_pair(Int32(cell.style.rawValue + 1)))
        } else {
            value |= Self.monochrome(cell.style)
        }
        return value
    }

    /// Without colour, slots still read differently through attributes.
    private static func monochrome(_ slot: StyleSlot) -> UInt32 {
        switch slot {
        case .normal, .hint, .success: 0
        case .accent, .required: shim_a_bold()
        case .muted, .progressEmpty: shim_a_dim()
        case .error: shim_a_bold() | shim_a_underline()
        case .header, .selection: shim_a_reverse()
        case .progressFill: 0
        }
    }
}
