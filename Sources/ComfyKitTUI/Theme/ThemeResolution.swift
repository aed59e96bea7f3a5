/// The looks the terminal gets: the theme fitted to the terminal's colours and the user's `NO_COLOR`.
struct ResolvedTheme: Hashable, Sendable {
    /// False under `NO_COLOR`, `TERM=dumb` or a terminal without colours: attributes only.
    let useColor: Bool
    /// The colours the terminal has, for mapping bright colours down on 8-colour terminals.
    let terminalColors: Int
    let styles: [StyleSlot: SlotStyle]

    func style(for slot: StyleSlot) -> SlotStyle {
        styles[slot] ?? SlotStyle()
    }

    /// Chooses between the theme, its 16-colour fallback and attributes alone. Pure, so testable without a terminal.
    static func resolve(theme: Theme, fallback: Theme?, environment: [String: String],
                        terminalHasColors: Bool, terminalColors: Int) -> ResolvedTheme {
        guard wantsColor(environment: environment), terminalHasColors else {
            return attributesOnly(from: theme, terminalColors: terminalColors)
        }
        let chosen = terminalColors < theme.colors ? (fallback ?? theme) : theme
        return ResolvedTheme(useColor: true, terminalColors: terminalColors, styles: chosen.allStyles)
    }

    /// `NO_COLOR` with any non-empty value, or `TERM=dumb`, turns colour off (no-color.org, clig.dev).
    static func wantsColor(environment: [String: String]) -> Bool {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && environment["TERM"] != "dumb"
    }

    /// Keeps the theme's attributes and adds the ones that let each slot still read differently without colour.
    private static func attributesOnly(from theme: Theme, terminalColors: Int) -> ResolvedTheme {
        var styles: [StyleSlot: SlotStyle] = [:]
        for slot in StyleSlot.allCases {
            styles[slot] = SlotStyle(attributes: theme.style(for: slot).attributes.union(monochrome(slot)))
        }
        return ResolvedTheme(useColor: false, terminalColors: terminalColors, styles: styles)
    }

    private static func monochrome(_ slot: StyleSlot) -> CellAttributes {
        switch slot {
        case .normal, .hint, .success, .progressFill: []
        case .accent, .required: .bold
        case .muted, .progressEmpty: .dim
        case .error: [.bold, .underline]
        case .header, .selection, .headerSuccess, .headerError: .reverse
        }
    }
}
