import Glibc

/// The one line a crash leaves on the terminal: stderr goes to the log while curses runs, so the crash
/// signal handler writes this to the terminal's own stderr after restoring it, pointing at the details.
enum CrashNotice {
    // Written once by ``prepare(descriptor:message:)`` before the UI loop starts, then only read, by the crash
    // handler: a plain buffer and descriptor, so the handler touches no reference counts.
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    nonisolated(unsafe) private static var bytes: UnsafeMutableBufferPointer<UInt8>?

    static func prepare(descriptor: Int32, message: String) {
        let utf8 = Array(message.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: utf8.count)
        _ = buffer.initialize(from: utf8)
        bytes?.deallocate()
        bytes = buffer
        self.descriptor = descriptor
    }

    /// Async-signal-safe: one `write(2)` of the prepared bytes, if any.
    static func write() {
        guard descriptor >= 0, let bytes, let base = bytes.baseAddress else { return }
        _ = Glibc.write(descriptor, base, bytes.count)
    }
}
