import Foundation

/// Polls until `condition` returns a value, every 50 ms for at most `seconds`, and returns it.
///
/// ```swift
/// try await eventually("the session to end") { try await tui.isAlive() ? nil : true }
/// ```
public func eventually<T>(
    _ what: String,
    within seconds: Double = 10,
    _ condition: () async throws -> T?
) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if let value = try await condition() { return value }
        guard Date() < deadline else { throw HarnessFailure("timed out after \(seconds) s waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}
