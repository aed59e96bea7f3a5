import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs short commands (`tmux`, `curl`) and the products built beside the test bundle.
///
/// Waits happen on Dispatch threads behind continuations: a blocked cooperative thread would stall the other tests.
enum Subprocess {
    struct Output: Sendable {
        let status: Int32
        let stdout: Data
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Where `swift build` put `comfykit-tui` and `comfyui-double`: beside the test bundle.
    static let productsDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    /// `shared/` beside the repository root, or `$COMFYKIT_SHARED_DIR`.
    static let sharedDir: URL = {
        if let dir = ProcessInfo.processInfo.environment["COMFYKIT_SHARED_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// Runs `command` found on `PATH` to its end, capturing stdout; stderr is discarded.
    @discardableResult
    static func run(_ command: String, _ arguments: [String]) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = await onDispatchThread { out.fileHandleForReading.readDataToEndOfFile() }
        await onDispatchThread { process.waitUntilExit() }
        return Output(status: process.terminationStatus, stdout: data)
    }

    /// Runs `arguments` (found on `PATH`) with no signals blocked or ignored, stdio on `/dev/null`, and returns its status.
    ///
    /// Test threads block most signals and `Process` passes that mask on; a tmux server started that way would
    /// hand it to the app, which then never sees SIGWINCH or Ctrl-C.
    static func spawnWithCleanSignals(_ arguments: [String]) async throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGTTIN, SIGTTOU, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw EndToEndFailure("cannot start \(arguments[0]): error \(result)") }
        let child = pid
        return await onDispatchThread {
            var status: Int32 = 0
            waitpid(child, &status, 0)
            return status
        }
    }

    /// True when `command` is on `PATH`.
    static func isInstalled(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    static func onDispatchThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}

/// Polls until `condition` returns a value, every 50 ms for at most `seconds`.
func eventually<T>(_ what: String, within seconds: Double = 10, _ condition: () async throws -> T?) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if let value = try await condition() { return value }
        guard Date() < deadline else { throw EndToEndFailure("timed out after \(seconds) s waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// A failed expectation of the end-to-end tests, with what was on screen.
struct EndToEndFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
