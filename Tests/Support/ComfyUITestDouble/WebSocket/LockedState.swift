import Foundation

/// A value guarded by a lock, for state that synchronous code on any thread must update atomically
/// (socket registry changes must not interleave with the queue's status broadcasts).
final class LockedState<Value>: @unchecked Sendable {
    // Safe: `value` is only touched inside `withLock`, which holds `lock` for the whole access.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
