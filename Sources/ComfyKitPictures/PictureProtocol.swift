/// How pictures reach the terminal: a graphics protocol, Unicode symbol art (text cells, through curses like
/// everything else), or not at all.
public enum PictureProtocol: String, CaseIterable, Hashable, Sendable {
    /// The kitty graphics protocol (kitty, Ghostty).
    case kitty
    /// DEC sixel (xterm `-ti vt340`, foot, mlterm, WezTerm).
    case sixel
    /// iTerm2's inline images (iTerm2, WezTerm).
    case iterm
    /// Half blocks, quadrants and sextants in colour: works in every terminal.
    case symbols
    case off

    /// Whether it is an escape-sequence protocol, which tmux must be asked to pass through.
    public var isGraphics: Bool { self == .kitty || self == .sixel || self == .iterm }
}

/// What the user asked for: `--images auto|kitty|sixel|iterm|symbols|off`, else `COMFYKIT_IMAGES`, else auto.
public enum PictureSetting: Hashable, Sendable {
    case auto
    case fixed(PictureProtocol)

    /// The flag's value wins over the environment's; an unknown value is an error naming the choices.
    public static func resolve(flag: String?, environment: [String: String]) throws(PictureSettingError) -> PictureSetting {
        let (text, source) = flag.map { ($0, "--images") } ?? (environment["COMFYKIT_IMAGES"].map { ($0, "COMFYKIT_IMAGES") } ?? ("auto", ""))
        let value = text.lowercased()
        if value == "auto" || value.isEmpty { return .auto }
        guard let fixed = PictureProtocol(rawValue: value) else { throw PictureSettingError(source: source, value: text) }
        return .fixed(fixed)
    }
}

public struct PictureSettingError: Error, Hashable, Sendable, CustomStringConvertible {
    public let source: String
    public let value: String

    public init(source: String, value: String) {
        (self.source, self.value) = (source, value)
    }

    public var description: String {
        "\(source) \(value): expected one of auto, " + PictureProtocol.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
