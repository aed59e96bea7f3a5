import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with the pid of a live process other than this one (a `sleep`), killed and reaped after: the app a
/// test's records belong to while it still runs.
public func withAnotherLiveProcess<T>(_ body: (Int32) async throws -> T) async throws -> T {
    let sleeper = Process()
    sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
    sleeper.arguments = ["120"]
    try sleeper.run()
    defer {
        // SIGKILL: the test runner's signal mask, which a child inherits, may hold SIGTERM back.
        kill(sleeper.processIdentifier, SIGKILL)
        sleeper.waitUntilExit()
    }
    return try await body(sleeper.processIdentifier)
}
