import Glibc

/// SIGINT, SIGTERM and SIGHUP as bytes on a self-pipe: the handler only `write(2)`s the signal's number, which is
/// async-signal-safe; the UI loop reads it, leaves the loop and restores the terminal as `q` does.
enum QuitSignals {
    // Both set once by ``install()`` before any handler is installed, then only read (the handler reads
    // `writeEnd`): no allocation, lock or reference count is touched in the handler.
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Creates the pipe (non-blocking at both ends, so a flood of signals can never block the handler) and
    /// installs the handlers; unblocks the signals, which a parent may have handed us blocked (test runners do).
    static func install() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in signals + [SIGWINCH] { sigaddset(&unblock, sig) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for sig in signals {
            signal(sig) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(QuitSignals.writeEnd, &byte, 1)
            }
        }
    }

    /// The first quit signal received since the last call, without waiting.
    static func take() -> Int32? {
        guard readEnd >= 0 else { return nil }
        var byte: UInt8 = 0
        return read(readEnd, &byte, 1) == 1 ? Int32(byte) : nil
    }
}
