import Foundation

/// Messages from background work (folder scans, run events), drained by the UI loop each frame.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Message] = []

    func post(_ message: Message) {
        lock.withLock { pending.append(message) }
    }

    func drain() -> [Message] {
        lock.withLock {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
