import Foundation
import Glibc
import Logging

/// An append-only log file shared by every logger of the process: the screen belongs to curses, so logs
/// (the app's and the library's) go here and nowhere else.
final class LogFile: @unchecked Sendable {
    // @unchecked: the descriptor is immutable and each line is one `write(2)` on an O_APPEND file, under `lock`.
    let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// `$XDG_STATE_HOME/comfykit/comfykit-tui.log` (beside the remembered forms).
    static func standardPath(environment: [String: String]) -> String {
        FormMemory.standardDirectory(environment: environment).appendingPathComponent("comfykit-tui.log").path
    }

    /// Opens (creating it and its folder, owner-only) the file for appending.
    init(path: String) throws(LogFileError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogFileError(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// Sends this process's standard error here too, so a stray message (a runtime warning, a crash report)
    /// cannot scribble over the screen; a crash still says where to look, on the terminal's own stderr.
    func captureStandardError() {
        let terminal = dup(STDERR_FILENO)
        if terminal >= 0 {
            _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)
            CrashNotice.prepare(descriptor: terminal, message: "comfykit-tui stopped on an internal error; details in \(path)\n")
        }
        dup2(descriptor, STDERR_FILENO)
    }

    func write(_ line: String) {
        let bytes = Array(line.utf8)
        lock.withLock { _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } }
    }
}

/// A log file that cannot be opened: the flag's or the default path, and why.
struct LogFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot open the log file \(path): \(reason)" }
}

/// A swift-log handler writing `2026-11-26T07:01:02Z info comfykit: message key=value` lines to a ``LogFile``.
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, file: LogFile, level: Logger.Level) {
        self.label = label
        self.file = file
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        file.write("\(Self.utcTimestamp()) \(event.level) \(label): \(event.message)\(fields)\n")
    }

    /// Now as `2026-12-03T14:50:01Z`, from `gmtime_r`: Foundation's date format styles load ICU's calendar and
    /// time-zone data for it, about 2.6 MB of resident memory kept for the app's whole life.
    static func utcTimestamp() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

extension Logger.Level {
    /// `COMFYKIT_LOG_LEVEL` (trace … critical), else `info`.
    static func fromEnvironment(_ environment: [String: String]) -> Logger.Level {
        environment["COMFYKIT_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }
}
