import Foundation

/// What a terminal answered to the picture queries: the kitty graphics probe (`ESC _ G i=31,s=1,v=1,a=q,t=d,f=24;AAAA
/// ESC \`, answered `ESC _ G i=31;OK ESC \` by terminals that speak it), the cell size in pixels (`CSI 16 t`, answered
/// `CSI 6 ; height ; width t`), closed by DA1 (`CSI c`, answered `CSI ? 6x ; … c`), which every terminal answers, so
/// reading stops there (or after 100 ms).
public struct TerminalAnswers: Hashable, Sendable {
    public var kittyGraphics = false
    /// DA1's parameters (`4` is sixel).
    public var primaryAttributes: [Int] = []
    /// The cell size in pixels, when the terminal said (`CSI 16 t`).
    public var cellSize: CellSize?
    /// DA1 arrived: the answers are complete.
    public var answered = false

    public var sixel: Bool { primaryAttributes.dropFirst().contains(4) }

    /// The queries, written at once before curses starts; DA1 last, so its answer closes the others'.
    public static let queries = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\" + "\u{1B}[16t" + "\u{1B}[c"

    public init() {}

    /// Reads the answers in `bytes` (in any order, amid other bytes).
    public init(parsing bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let start = text.range(of: "\u{1B}_G"), let end = text[start.upperBound...].range(of: "\u{1B}\\") {
            let body = text[start.upperBound..<end.lowerBound]
            kittyGraphics = body.contains("i=31") && body.hasSuffix(";OK")
        }
        if let match = text.firstMatch(of: /\x1B\[6;(\d+);(\d+)t/), let height = Int(match.1), let width = Int(match.2) {
            cellSize = CellSize(width: width, height: height)
        }
        if let match = text.firstMatch(of: /\x1B\[\?([0-9;]*)c/) {
            primaryAttributes = match.1.split(separator: ";").compactMap { Int($0) }
            answered = true
        }
    }
}

/// Wraps a graphics escape sequence for tmux to pass to the outer terminal (`allow-passthrough on`): inside
/// `ESC P tmux; … ESC \`, with every ESC of the sequence doubled.
public enum TmuxPassthrough {
    public static func wrap(_ sequence: String) -> String {
        "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }

    /// Wraps each escape sequence in `bytes` (each ended by ST, `ESC \\`) on its own, as kitty's chunks must be;
    /// bytes after the last ST are wrapped together.
    public static func wrapEach(_ bytes: [UInt8]) -> [UInt8] {
        var wrapped: [UInt8] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == 0x5C, index > start {
                wrapped += wrap(bytes[start..<index + 2])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { wrapped += wrap(bytes[start...]) }
        return wrapped
    }

    private static func wrap(_ sequence: ArraySlice<UInt8>) -> [UInt8] {
        var wrapped = Array("\u{1B}Ptmux;".utf8)
        for byte in sequence {
            wrapped.append(byte)
            if byte == 0x1B { wrapped.append(0x1B) }
        }
        return wrapped + [0x1B, 0x5C]
    }
}
