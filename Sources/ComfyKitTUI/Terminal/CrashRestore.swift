import Glibc

/// What a crash signal handler does before the process dies: put the tty's modes back (`tcsetattr(3)` is
/// async-signal-safe), write the bytes that undo curses' screen modes with one `write(2)`, say where the log
/// is (``CrashNotice``) and re-raise the signal with its default action, so the exit status stays the crash's.
enum CrashRestore {
    // Set once by ``install()`` before the handlers are installed, then only read, by the handler.
    nonisolated(unsafe) private static var savedModes: UnsafeMutablePointer<termios>?
    // Set once by ``install(deletingKittyPictures:)`` before the handlers are installed, then only read.
    nonisolated(unsafe) private(set) static var kittyDelete: KittyDelete?

    /// How kitty pictures are deleted on the way out: straight, or wrapped for tmux to pass on.
    enum KittyDelete: Sendable {
        case direct
        case throughTmux
    }

    /// kitty: every placement deleted and its data freed.
    static let kittyDeleteDirect: StaticString = "\u{1B}_Ga=d,d=A,q=2\u{1B}\\"
    /// The same, inside tmux's passthrough (every ESC doubled).
    static let kittyDeleteThroughTmux: StaticString = "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=d,d=A,q=2\u{1B}\u{1B}\\\u{1B}\\"

    static func kittyDeleteAll(_ how: KittyDelete?) -> [UInt8] {
        switch how {
        case .direct: Array(String(describing: kittyDeleteDirect).utf8)
        case .throughTmux: Array(String(describing: kittyDeleteThroughTmux).utf8)
        case nil: []
        }
    }

    static let signals = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// Bracketed paste and mouse reporting off, attributes reset, cursor shown, the normal screen back.
    static let resetSequence: StaticString = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Saves the tty's modes as they are now (call before curses changes them) and installs the handlers; with
    /// kitty pictures on screen, the handlers delete them too.
    static func install(deletingKittyPictures: KittyDelete? = nil) {
        kittyDelete = deletingKittyPictures
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
        switch kittyDelete {
        case .direct: _ = write(STDOUT_FILENO, kittyDeleteDirect.utf8Start, kittyDeleteDirect.utf8CodeUnitCount)
        case .throughTmux: _ = write(STDOUT_FILENO, kittyDeleteThroughTmux.utf8Start, kittyDeleteThroughTmux.utf8CodeUnitCount)
        case nil: break
        }
        _ = write(STDOUT_FILENO, resetSequence.utf8Start, resetSequence.utf8CodeUnitCount)
    }
}
