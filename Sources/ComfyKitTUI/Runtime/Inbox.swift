import Synchronization

/// Messages from background work (folder scans, run events), drained by the UI loop each frame.
final class Inbox: Sendable {
    private let pending = Mutex<[Message]>([])

    func post(_ message: Message) {
        pending.withLock { $0.append(message) }
    }

    func drain() -> [Message] {
        pending.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
