import NIOConcurrencyHelpers

/// How long the server took to execute the last finished run of each workflow (from its history entry's
/// `execution_start` to `execution_success` timestamps), kept by a kit so the HTTP executor polls around it.
final class ExecutionTimes: Sendable {
    /// Workflows remembered at most; the oldest entry goes first.
    static let capacity = 256

    private let spans = NIOLockedValueBox<(byKey: [Int: Duration], order: [Int])>(([:], []))

    /// The last execution time recorded for `workflow`.
    func expected(for workflow: Workflow) -> Duration? {
        let key = Self.key(workflow)
        return spans.withLockedValue { $0.byKey[key] }
    }

    /// Remembers `span` as the execution time of `workflow`.
    func record(_ span: Duration, for workflow: Workflow) {
        let key = Self.key(workflow)
        spans.withLockedValue { spans in
            if spans.byKey.updateValue(span, forKey: key) == nil { spans.order.append(key) }
            if spans.order.count > Self.capacity { spans.byKey[spans.order.removeFirst()] = nil }
        }
    }

    /// The workflow's name and graph shape (node ids and classes), not its values: runs of one workflow with other
    /// params share it.
    private static func key(_ workflow: Workflow) -> Int {
        var hasher = Hasher()
        hasher.combine(workflow.name)
        for node in workflow.nodes {
            hasher.combine(node.id)
            hasher.combine(node.classType)
        }
        return hasher.finalize()
    }
}
