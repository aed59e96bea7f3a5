import CellWidth
import ComfyKitPictures
import Glibc

/// Asks the terminal how wide it draws the emoji sequences terminals disagree on (a skin-tone modifier, a ZWJ
/// family), before curses starts: each probe is written at the start of a line and followed by a cursor-position
/// report request (`CSI 6n`, which every VT100 descendant answers); the column it answers is the width. Both are
/// asked at once and the answers read for 100 ms at most; the line is erased after. A terminal that answers nothing
/// keeps the default (every sequence one cell).
///
/// With `askingPictures`, the picture queries (``TerminalAnswers/queries``: the kitty graphics probe, the cell size,
/// DA1 last) go in the same write, and reading goes on until DA1's answer closes them, within the same 100 ms: one
/// round trip for both.
enum ClusterProbe {
    /// What the terminal answered: how it draws the emoji sequences (`nil`: it did not say) and the picture queries.
    struct Answers {
        var clusterWidths: ClusterWidths?
        var terminal = TerminalAnswers()
        /// The background colour (`OSC 11`), asked first: a terminal that answers does so before the reports.
        var background: TerminalBackground?
    }

    static func run(askingPictures: Bool = false, timeout: Duration = .milliseconds(100)) -> Answers {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return Answers() }
        // The background query goes first, so its answer (if any) is in before the cursor reports that end the
        // read; a terminal that prints what it does not know prints it on the line erased after the probes.
        let queries = TerminalBackground.query + "\r" + ClusterWidths.modifierProbe + "\u{1B}[6n\r" + ClusterWidths.zwjProbe + "\u{1B}[6n\r\u{1B}[2K"
            + (askingPictures ? TerminalAnswers.queries : "")
        // Done once both cursor-position reports are in (and, with pictures, DA1's).
        guard let bytes = TerminalProbe.exchange(queries, input: STDIN_FILENO, output: STDOUT_FILENO, timeout: timeout, dropLateAnswers: false, until: {
            reports(in: $0).count >= 2 && (!askingPictures || TerminalAnswers(parsing: $0).answered)
        }) else { return Answers() }
        let columns = reports(in: bytes)
        var answers = Answers(terminal: askingPictures ? TerminalAnswers(parsing: bytes) : TerminalAnswers(),
                              background: TerminalBackground(parsing: bytes))
        if columns.count >= 2 {
            answers.clusterWidths = ClusterWidths(modifierProbeWidth: columns[0] - 1, zwjProbeWidth: columns[1] - 1)
        }
        return answers
    }

    /// The column of each `ESC [ row ; column R` in `bytes`, in order.
    static func reports(in bytes: [UInt8]) -> [Int] {
        var columns: [Int] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "[") else { index += 1; continue }
            var cursor = index + 2
            var numbers: [Int] = [0]
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[cursor]) {
                if bytes[cursor] == UInt8(ascii: ";") { numbers.append(0) } else { numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(bytes[cursor] - 0x30) }
                cursor += 1
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "R"), numbers.count == 2 { columns.append(numbers[1]) }
            index = cursor
        }
        return columns
    }
}
