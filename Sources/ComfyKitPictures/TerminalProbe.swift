#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Asks the controlling terminal the picture queries (``TerminalAnswers/queries``: the kitty probe, `CSI 16 t`,
/// DA1) in raw mode and reads the answers until DA1's arrives or the time is up, then restores the terminal. Run it
/// before curses takes the input (the TUI) or before printing pictures (`comfykit run --show`).
public enum TerminalProbe {
    /// The answers of `/dev/tty` within `timeout` (100 ms by default); empty answers when there is no terminal.
    public static func ask(timeout: Duration = .milliseconds(100)) -> TerminalAnswers {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return TerminalAnswers() }
        defer { close(tty) }
        return ask(fileDescriptor: tty, timeout: timeout)
    }

    /// The answers of the terminal on `fileDescriptor` (a tty, or one end of a pty in tests).
    public static func ask(fileDescriptor tty: Int32, timeout: Duration) -> TerminalAnswers {
        let received = exchange(TerminalAnswers.queries, input: tty, output: tty, timeout: timeout, dropLateAnswers: true) {
            TerminalAnswers(parsing: $0).answered  // DA1's answer closes the others'
        }
        return TerminalAnswers(parsing: received ?? [])
    }

    /// Writes `queries` to `output` with `input` in raw mode (no echo, no line editing), reads what comes back until
    /// `answered` says it is all there or `timeout` has passed, and puts the terminal's mode back; with
    /// `dropLateAnswers`, input not yet read is dropped then (an answer that comes late would otherwise be read as
    /// typed). `nil` when `input` is no terminal or the queries could not be written.
    public static func exchange(_ queries: String, input: Int32, output: Int32, timeout: Duration, dropLateAnswers: Bool,
                                until answered: ([UInt8]) -> Bool) -> [UInt8]? {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { controls in
            controls[Int(VMIN)] = 0  // reads return what is there
            controls[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(input, dropLateAnswers ? TCSAFLUSH : TCSANOW, &saved) }
        let bytes = Array(queries.utf8)
        guard bytes.withUnsafeBytes({ write(output, $0.baseAddress, $0.count) }) == bytes.count else { return nil }
        return read(input, until: ContinuousClock.now + timeout, answered: answered)
    }

    /// Reads until `answered` or the deadline.
    private static func read(_ tty: Int32, until deadline: ContinuousClock.Instant, answered: ([UInt8]) -> Bool) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            guard milliseconds > 0, poll(&poller, 1, milliseconds) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { systemRead(tty, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received += buffer.prefix(count)
            if answered(received) { break }
        }
        return received
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }
}

extension PictureChoice.Context {
    /// This process's environment and, inside tmux (`TMUX` set), the client terminal's variables from
    /// `tmux show-environment` and whether `allow-passthrough` is on (``TmuxQuery``).
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        Self(environment: environment, tmux: TmuxQuery.context(environment: environment))
    }
}

extension PictureChoice {
    /// The choice for this terminal: the setting, the environment (inside tmux, the outer terminal's), and the
    /// terminal's answers to the queries (asked only when the setting is `auto` or a graphics protocol, whose
    /// cell size is wanted); with the cell size the answers gave, or ``CellSize/fallback``.
    public static func forThisTerminal(_ setting: PictureSetting) -> (choice: PictureChoice, cellSize: CellSize) {
        let context = Context.current()
        let needsAnswers: Bool
        switch setting {
        case .auto: needsAnswers = !(context.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        case .fixed(let picture): needsAnswers = picture.isGraphics
        }
        let answers = needsAnswers ? TerminalProbe.ask() : TerminalAnswers()
        return (choose(setting, context: context, answers: answers), answers.cellSize ?? .fallback)
    }
}
