import ComfyKit
import Foundation
import GRDB

/// The runs recorded on this machine: a SQLite file (WAL, migrated with GRDB's migrator) that several
/// processes — CLIs and TUIs — read and write at once.
///
/// ```swift
/// let history = try RunHistory()                       // $XDG_STATE_HOME/comfykit/runs.sqlite
/// let recorded = try await kit.run(loaded, source: source, params: values, recordingIn: history)
/// let failed = try await history.runs(RunFilter(status: .error, limit: 20))
/// ```
///
/// A file that cannot be read (corrupt, or written by a newer ComfyKit) is kept aside and a fresh one is
/// used; ``recovery`` then says so, naming both files.
public final class RunHistory: Sendable {
    /// The SQLite file.
    public let url: URL
    /// Set when the file found could not be used and was kept aside.
    public let recovery: RunHistoryRecovery?
    let pool: DatabasePool

    /// `$XDG_STATE_HOME/comfykit/runs.sqlite`, else `~/.local/state/comfykit/runs.sqlite`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
        return state.appendingPathComponent("comfykit").appendingPathComponent("runs.sqlite")
    }

    /// Opens (or creates) the history at `url`, bringing its schema up to date.
    public init(url: URL = RunHistory.defaultURL()) throws(RunHistoryError) {
        self.url = url
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .unavailable(file: url.path, reason: "cannot create its folder: \(error.localizedDescription)")
        }
        let (pool, recovery) = try Self.whileLocked(url) { () throws(RunHistoryError) in try Self.openOrRecover(url) }
        self.pool = pool
        self.recovery = recovery
    }

    /// Opens the file; one that cannot be used is kept aside and a fresh one opened.
    private static func openOrRecover(_ url: URL) throws(RunHistoryError) -> (DatabasePool, RunHistoryRecovery?) {
        do {
            return (try open(url), nil)
        } catch .unreadable(let reason) {
            let aside = keepAside(url)
            do {
                return (try open(url), RunHistoryRecovery(file: url.path, keptAs: aside?.path, reason: reason))
            } catch {
                throw .unavailable(file: url.path, reason: error.reason)
            }
        } catch {
            throw .unavailable(file: url.path, reason: error.reason)
        }
    }

    /// Runs `body` holding an exclusive lock on `<file>.lock`, so that two processes opening a new file never
    /// both create its tables or switch it to WAL at once, and never both set a bad file aside. Without a
    /// lock file (a read-only folder) `body` runs unguarded. The wait blocks the thread, for as long as
    /// another process takes to open the file (milliseconds).
    private static func whileLocked<T>(_ url: URL, _ body: () throws(RunHistoryError) -> T) throws(RunHistoryError) -> T {
        let descriptor = Foundation.open(url.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private enum OpenFailure: Error {
        /// The file's content cannot be used: corrupt, not SQLite, or a newer schema.
        case unreadable(String)
        /// The file cannot be reached (permissions, a full disk): keeping it aside would not help.
        case unreachable(String)

        var reason: String {
            switch self {
            case .unreadable(let reason), .unreachable(let reason): reason
            }
        }
    }

    private static func open(_ url: URL) throws(OpenFailure) -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "comfykit.history"
        // Another process holding the write lock (a TUI, a CLI) is waited for, not failed on.
        configuration.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            let migrator = RunHistorySchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw OpenFailure.unreadable("it was written by a newer version of ComfyKit")
            }
            try migrator.migrate(pool)
            return pool
        } catch let failure as OpenFailure {
            throw failure
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED:
                throw .unreachable(error.message ?? "\(error.resultCode)")
            default:
                throw .unreadable(error.message ?? "\(error.resultCode)")
            }
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// Renames the file (and its WAL and shared-memory files) to `<name>.unreadable-<time>`; the new name.
    private static func keepAside(_ url: URL) -> URL? {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        let aside = url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent).unreadable-\(stamp)")
        let files = FileManager.default
        guard (try? files.moveItem(at: url, to: aside)) != nil else { return nil }
        for suffix in ["-wal", "-shm"] {
            let side = URL(fileURLWithPath: url.path + suffix)
            if files.fileExists(atPath: side.path) { try? files.moveItem(at: side, to: URL(fileURLWithPath: aside.path + suffix)) }
        }
        return aside
    }
}

/// A history file that could not be used and was kept aside.
public struct RunHistoryRecovery: Hashable, Sendable, CustomStringConvertible {
    /// The history file's path.
    public let file: String
    /// Where the old file now is; `nil` when it could not be moved (it was then left in place and replaced).
    public let keptAs: String?
    /// Why it could not be used.
    public let reason: String

    public var description: String {
        "run history \(file) could not be read (\(reason)); " + (keptAs.map { "it was kept as \($0) and " } ?? "") + "a new history was started"
    }
}

/// The history cannot be opened at all.
public enum RunHistoryError: Error, Hashable, Sendable, CustomStringConvertible {
    case unavailable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unavailable(let file, let reason): "run history \(file) cannot be opened: \(reason)"
        }
    }
}
