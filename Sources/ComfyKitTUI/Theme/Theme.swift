/// A named set of looks for the style slots, read from a `themes/NAME.yaml` file.
struct Theme: Hashable, Sendable {
    /// The theme's name: its file name without `.yaml`.
    let name: String
    /// The colours the theme needs: 256, or 16 for themes that use only the ANSI colours.
    let colors: Int
    /// The theme to use instead when the terminal has fewer colours than ``colors``.
    let fallback: String?
    /// The slots the file sets; the others look like ``StyleSlot/normal``, but for the header's state slots.
    let styles: [StyleSlot: SlotStyle]

    func style(for slot: StyleSlot) -> SlotStyle {
        if let set = styles[slot] { return set }
        switch slot {
        case .headerSuccess: return style(for: .header).withForeground(of: style(for: .success))
        case .headerError: return style(for: .header).withForeground(of: style(for: .error))
        default: return SlotStyle()
        }
    }

    /// Every slot's look, the derived ones included.
    var allStyles: [StyleSlot: SlotStyle] {
        Dictionary(uniqueKeysWithValues: StyleSlot.allCases.map { ($0, style(for: $0)) })
    }
}

extension SlotStyle {
    /// This look with `other`'s foreground: a state's colour on a bar's background and attributes.
    func withForeground(of other: SlotStyle) -> SlotStyle {
        SlotStyle(foreground: other.foreground == .terminalDefault ? foreground : other.foreground, background: background,
                  attributes: attributes)
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
        case .headerSuccess: "header.success"
        case .headerError: "header.error"
        }
    }

    init?(themeKey: String) {
        guard let slot = Self.allCases.first(where: { $0.themeKey == themeKey }) else { return nil }
        self = slot
    }
}
