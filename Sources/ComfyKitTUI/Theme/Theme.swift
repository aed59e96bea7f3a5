/// A named set of looks for the style slots, read from a `themes/NAME.yaml` file.
struct Theme: Hashable, Sendable {
    /// The theme's name: its file name without `.yaml`.
    let name: String
    /// The colours the theme needs: 256, or 16 for themes that use only the ANSI colours.
    let colors: Int
    /// The theme to use instead when the terminal has fewer colours than ``colors``.
    let fallback: String?
    /// The slots the file sets; the others look like ``StyleSlot/normal``.
    let styles: [StyleSlot: SlotStyle]

    func style(for slot: StyleSlot) -> SlotStyle {
        styles[slot] ?? SlotStyle()
    }
}

extension StyleSlot {
    /// The slot's key in a theme file, such as `accent` or `progress.fill`.
    var themeKey: String {
        switch self {
        case .normal: "normal"
        case .accent: "accent"
        case .muted: "muted"
        case .error: "error"
        case .success: "success"
        case .required: "required"
        case .header: "header"
        case .selection: "selection"
        case .hint: "hint"
        case .progressFill: "progress.fill"
        case .progressEmpty: "progress.empty"
        }
    }

    init?(themeKey: String) {
        guard let slot = Self.allCases.first(where: { $0.themeKey == themeKey }) else { return nil }
        self = slot
    }
}
