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
    }

    static func run(askingPictures: Bool = false, timeoutMilliseconds: Int32 = 100) -> Answers {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return Answers() }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return Answers() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return Answers() }
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }

        emit("\r" + ClusterWidths.modifierProbe + "\u{1B}[6n\r" + ClusterWidths.zwjProbe + "\u{1B}[6n\r\u{1B}[2K"
             + (askingPictures ? TerminalAnswers.queries : ""))
        let bytes = readAnswers(askingPictures: askingPictures, timeoutMilliseconds: timeoutMilliseconds)
        let columns = reports(in: bytes)
        var answers = Answers(terminal: askingPictures ? TerminalAnswers(parsing: bytes) : TerminalAnswers())
        if columns.count >= 2 {
            answers.clusterWidths = ClusterWidths(modifierProbeWidth: columns[0] - 1, zwjProbeWidth: columns[1] - 1)
        }
        return answers
    }

    /// The bytes answered within the timeout: until both cursor-position reports are in (and, with pictures, DA1's).
    private static func readAnswers(askingPictures: Bool, timeoutMilliseconds: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        let deadline = monotonicMilliseconds() + Int(timeoutMilliseconds)
        while true {
            let left = deadline - monotonicMilliseconds()
            guard left > 0 else { break }
            var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left)) > 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 256)
            let got = read(STDIN_FILENO, &buffer, buffer.count)
            guard got > 0 else { break }
            bytes += buffer[0..<got]
            if reports(in: bytes).count >= 2, !askingPictures || TerminalAnswers(parsing: bytes).answered { break }
        }
        return bytes
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

    private static func emit(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    private static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
