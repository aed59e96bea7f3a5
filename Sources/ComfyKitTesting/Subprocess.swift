import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the products built beside the test bundle (`comfykit`, `comfykit-tui`, the doubles) and short commands
/// on `PATH` (`tmux`, `curl`).
///
/// Waits happen on Dispatch threads behind continuations: a blocked cooperative thread would starve the other
/// tests and the doubles running in-process.
///
/// ```swift
/// let output = try await Subprocess.run(product: "comfykit", ["inspect", path])
/// #expect(output.status == 0, "\(output.stderr)")
/// ```
public enum Subprocess {
    /// Where `swift build` put the products: beside the test bundle.
    public static let productsDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    /// The built product `name` (`comfykit`, `comfykit-tui`, `comfyui-double`, …).
    public static func product(_ name: String) -> URL { productsDirectory.appendingPathComponent(name) }

    /// Runs the built product `name` to its end with `environment` added to this process's, capturing stdout and stderr.
    public static func run(product name: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        try await run(executable: product(name), arguments, environment: environment)
    }

    /// Runs `command`, found on `PATH`, to its end, capturing stdout and stderr.
    @discardableResult
    public static func run(_ command: String, _ arguments: [String]) async throws -> ProcessOutput {
        try await run(executable: URL(fileURLWithPath: "/usr/bin/env"), [command] + arguments)
    }

    /// Runs `executable` to its end with stdin on `/dev/null`, capturing stdout and stderr.
    public static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        async let stdout = onDispatchThread { out.fileHandleForReading.readDataToEndOfFile() }
        async let stderr = onDispatchThread { err.fileHandleForReading.readDataToEndOfFile() }
        let (o, e) = await (stdout, stderr)
        await onDispatchThread { process.waitUntilExit() }
        return ProcessOutput(status: process.terminationStatus, standardOutput: o, standardError: e)
    }

    /// Runs `arguments` (found on `PATH`) with no signals blocked or ignored, stdio on `/dev/null`, and returns its
    /// wait status.
    ///
    /// Test threads block most signals and `Process` passes that mask on; a tmux server started that way would
    /// hand it to the app, which then never sees SIGWINCH or Ctrl-C.
    public static func spawnWithCleanSignals(_ arguments: [String]) async throws -> Int32 {
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
        guard result == 0 else { throw HarnessFailure("cannot start \(arguments[0]): error \(result)") }
        let child = pid
        return await onDispatchThread {
            var status: Int32 = 0
            waitpid(child, &status, 0)
            return status
        }
    }

    /// True when `command` is on `PATH`.
    public static func isInstalled(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// Runs blocking `work` on a Dispatch thread and awaits its value.
    public static func onDispatchThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
