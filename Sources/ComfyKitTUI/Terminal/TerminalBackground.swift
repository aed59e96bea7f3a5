/// The terminal's background colour, as it answers `OSC 11 ; ?` (xterm, kitty, foot, WezTerm, iTerm2, VTE, tmux
/// 3.3+): `OSC 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST, each channel 1 to 4 hex digits. Without `--theme`, a
/// light background gets the light theme, whose text stays readable on it (the default theme's hints are white).
struct TerminalBackground: Equatable, Sendable {
    /// Each channel from 0 to 1.
    let red: Double, green: Double, blue: Double

    /// Asked first in the start-up round trip: its answer comes before the others', which close the read.
    static let query = "\u{1B}]11;?\u{1B}\\"

    /// Light when its luma (Rec. 709 weights over the sRGB values) is over a half: white, a light grey, solarized
    /// light's cream; black, dark greys and dark blues are not.
    var isLight: Bool { 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 }

    /// The answer's colour in `bytes` (the terminal's answers to the start-up queries, in any order); `nil` when
    /// there is none, or it is not `rgb:` with 1–4 hex digits a channel.
    init?(parsing bytes: [UInt8]) {
        let start = Array("\u{1B}]11;".utf8)
        guard let found = bytes.indices.first(where: { bytes[$0...].starts(with: start) }) else { return nil }
        let body = bytes[(found + start.count)...]
        guard let end = body.firstIndex(where: { $0 == 0x07 || $0 == 0x1B }) else { return nil }
        let text = String(decoding: body[..<end], as: UTF8.self)
        guard text.hasPrefix("rgb:") else { return nil }
        let channels = text.dropFirst(4).split(separator: "/", omittingEmptySubsequences: false)
        let values = channels.compactMap { channel -> Double? in
            guard (1...4).contains(channel.count), let value = Int(channel, radix: 16) else { return nil }
            return Double(value) / Double((1 << (4 * channel.count)) - 1)
        }
        guard channels.count == 3, values.count == 3 else { return nil }
        (red, green, blue) = (values[0], values[1], values[2])
    }

    init(red: Double, green: Double, blue: Double) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// The theme to use: `chosen` (`--theme`) when given; else the light theme on a light background, the default
    /// theme otherwise (no answer included).
    static func themeName(chosen: String?, background: TerminalBackground?) -> String {
        if let chosen { return chosen }
        return background?.isLight == true ? ThemeCatalog.lightName : ThemeCatalog.defaultName
    }
}
