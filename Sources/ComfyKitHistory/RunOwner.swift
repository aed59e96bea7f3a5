import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// The process that runs (or follows) a recorded run or sweep: its pid, when it started and the boot it started in,
/// so that a pid the system gave to another process after this one ended (or after a reboot) is not taken for it.
///
/// A second app started while the first still runs must not re-attach the first's runs: it would take over the
/// socket id ComfyUI sends their progress to, and send a sweep's unsent prompts a second time.
public struct RunOwner: Hashable, Sendable {
    public let pid: Int32
    /// When the process started, in clock ticks after boot (field 22 of `/proc/PID/stat`).
    public let started: UInt64
    /// `/proc/sys/kernel/random/boot_id` when it started.
    public let boot: String

    public init(pid: Int32, started: UInt64, boot: String) {
        self.pid = pid
        self.started = started
        self.boot = boot
    }

    /// This process; `nil` where `/proc` cannot say (then nothing is ever taken for a live owner).
    public static let current: RunOwner? = of(pid: getpid())

    /// The live process `pid`; `nil` when there is none (or it has exited and waits to be reaped).
    public static func of(pid: Int32) -> RunOwner? {
        guard let boot = bootID, let stat = Stat(pid: pid), stat.isRunning else { return nil }
        return RunOwner(pid: pid, started: stat.started, boot: boot)
    }

    /// Whether the process still runs: the same pid, started at the same tick of the same boot, not a zombie.
    public var isAlive: Bool {
        guard boot == Self.bootID, let stat = Stat(pid: pid) else { return false }
        return stat.started == started && stat.isRunning
    }

    /// Another process than this one that still runs: what it owns is not to be taken.
    public var isAnotherLiveProcess: Bool { self != Self.current && isAlive }

    private static let bootID: String? = readProc("/proc/sys/kernel/random/boot_id")?.trimmingCharacters(in: .whitespacesAndNewlines)

    /// What `/proc/PID/stat` says of a process: its state and its start tick.
    private struct Stat {
        let state: Character
        let started: UInt64

        /// The state is the third field and the start tick the 22nd; the second (the command in parentheses) may
        /// hold spaces and parentheses, so fields are counted after its last `)`.
        init?(pid: Int32) {
            guard pid > 0, let text = RunOwner.readProc("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 19, let state = fields[0].first, let started = UInt64(fields[19]) else { return nil }
            (self.state, self.started) = (state, started)
        }

        /// Not exited: `Z` (zombie) and `X` (dead) have.
        var isRunning: Bool { state != "Z" && state != "X" }
    }

    /// A `/proc` file's text: its size reads as 0, so it is read until the end rather than by its size.
    private static func readProc(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Stored as one text column: `PID START BOOT`.
extension RunOwner: LosslessStringConvertible, Codable, DatabaseValueConvertible {
    public var description: String { "\(pid) \(started) \(boot)" }

    public init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 3, let pid = Int32(parts[0]), let started = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, started: started, boot: String(parts[2]))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let owner = RunOwner(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a run owner: \(text)"))
        }
        self = owner
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RunOwner? {
        String.fromDatabaseValue(dbValue).flatMap(RunOwner.init)
    }
}
