/// What a terminal answered to the picture queries: the kitty graphics probe (`ESC _ G i=31,s=1,v=1,a=q,t=d,f=24;AAAA
/// ESC \`, answered `ESC _ G i=31;OK ESC \` by terminals that speak it), the cell size in pixels (`CSI 16 t`, answered
/// `CSI 6 ; height ; width t`), closed by DA1 (`CSI c`, answered `CSI ? 6x ; … c`), which every terminal answers, so
/// reading stops there (or after 100 ms).
struct TerminalAnswers: Hashable, Sendable {
    var kittyGraphics = false
    /// DA1's parameters (`4` is sixel).
    var primaryAttributes: [Int] = []
    var cellSize: (width: Int, height: Int)? {
        get { cellWidth.flatMap { width in cellHeight.map { (width, $0) } } }
        set { (cellWidth, cellHeight) = (newValue?.width, newValue?.height) }
    }
    private var cellWidth: Int?
    private var cellHeight: Int?
    /// DA1 arrived: the answers are complete.
    var answered = false

    var sixel: Bool { primaryAttributes.dropFirst().contains(4) }

    /// The queries, written at once before curses starts; DA1 last, so its answer closes the others'.
    static let queries = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\" + "\u{1B}[16t" + "\u{1B}[c"

    init() {}

    /// Reads the answers in `bytes` (in any order, amid other bytes).
    init(parsing bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let start = text.range(of: "\u{1B}_G"), let end = text[start.upperBound...].range(of: "\u{1B}\\") {
            let body = text[start.upperBound..<end.lowerBound]
            kittyGraphics = body.contains("i=31") && body.hasSuffix(";OK")
        }
        if let match = text.firstMatch(of: /\x1B\[6;(\d+);(\d+)t/), let height = Int(match.1), let width = Int(match.2) {
            (cellWidth, cellHeight) = (width, height)
        }
        if let match = text.firstMatch(of: /\x1B\[\?([0-9;]*)c/) {
            primaryAttributes = match.1.split(separator: ";").compactMap { Int($0) }
            answered = true
        }
    }
}

/// Wraps a graphics escape sequence for tmux to pass to the outer terminal (`allow-passthrough on`): inside
/// `ESC P tmux; … ESC \`, with every ESC of the sequence doubled.
enum TmuxPassthrough {
    static func wrap(_ sequence: String) -> String {
        "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}
