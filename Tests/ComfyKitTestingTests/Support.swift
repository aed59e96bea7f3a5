import ComfyKitTesting
import Foundation
import Testing

/// The error the tests throw from a body, to check that what the body was given is stopped anyway.
struct PlannedFailure: Error {}

/// Whether something accepts connections at `url`: curl's exit status 7 is "could not connect".
func isListening(_ url: URL) async throws -> Bool {
    let output = try await Subprocess.run("curl", ["-s", "-o", "/dev/null", "--max-time", "5", url.absoluteString])
    return output.status != 7
}

/// Runs `body`, which should end by throwing ``PlannedFailure``; records an issue when it does not.
func expectPlannedFailure(_ body: () async throws -> Void) async {
    do {
        try await body()
        Issue.record("the body's PlannedFailure was not rethrown")
    } catch is PlannedFailure {
    } catch {
        Issue.record("expected PlannedFailure, got \(error)")
    }
}
