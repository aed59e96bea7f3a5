import Glibc

/// What a crash signal handler does before the process dies: put the tty's modes back (`tcsetattr(3)` is
/// async-signal-safe), write the bytes that undo curses' screen modes with one `write(2)`, say where the log
/// is (``CrashNotice``) and re-raise the signal with its default action, so the exit status stays the crash's.
enum CrashRestore {
    // Set once by ``install()`` before the handlers are installed, then only read, by the handler.
    nonisolated(unsafe) private static var savedModes: UnsafeMutablePointer<termios>?

    static let signals = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// Bracketed paste and mouse reporting off, attributes reset, cursor shown, the normal screen back.
    static let resetSequence: StaticString = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Saves the tty's modes as they are now (call before curses changes them) and installs the handlers.
    static func install() {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        if tcgetattr(STDIN_FILENO, modes) == 0 {
            savedModes = modes
        } else {
            modes.deallocate()
        }
        for sig in signals {
            signal(sig) { received in
                CrashRestore.restore()
                CrashNotice.write()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Async-signal-safe: the tty's saved modes, then the reset bytes.
    static func restore() {
        if let modes = savedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, modes) }
        _ = write(STDOUT_FILENO, resetSequence.utf8Start, resetSequence.utf8CodeUnitCount)
    }
}
