import Foundation

/// Appends `started|finished <prompt_id> <CLOCK_MONOTONIC ns>` lines, one per prompt edge, for benchmarks
/// that measure "server finished → result in hand" from another process (same machine, same clock).
///
/// `finished` is taken once history is written and `executing: null` is handed to the socket: the moment
/// a client could know. The clock is read before the write, so file I/O never shifts a timestamp.
final class TimestampLog: Sendable {
    enum Edge: String { case started, finished }

    private let handle: LockedState<FileHandle>

    /// Creates (or truncates) the file at `url`.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ComfyUIDouble.StartError(description: "cannot create the timestamp log \(url.path)")
        }
        handle = LockedState(try FileHandle(forWritingTo: url))
    }

    func record(_ edge: Edge, promptID: String) {
        let nanoseconds = Self.monotonicNanoseconds()
        let line = Data("\(edge.rawValue) \(promptID) \(nanoseconds)\n".utf8)
        handle.withLock { $0.write(line) }
    }

    /// `CLOCK_MONOTONIC`, what Python's `time.monotonic_ns()` reads on Linux.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
