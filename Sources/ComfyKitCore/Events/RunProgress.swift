/// Overall progress of one prompt: (finished + cached nodes + the current node's fraction) / nodes.
///
/// Pure and value-typed: fed with server messages, it says what a progress bar shows.
public struct RunProgress: Hashable, Sendable {
    /// The number of nodes the prompt runs; at least 1.
    public let totalNodes: Int
    /// Nodes that have run to their end.
    public private(set) var finished: Set<String> = []
    /// Nodes the server reused from an earlier run; they count as done.
    public private(set) var cached: Set<String> = []
    /// The node executing now; `nil` before the first and after ``complete()``.
    public private(set) var currentNode: String?
    /// The current node's step value and maximum, when it reports steps.
    public private(set) var currentValue: Double = 0
    /// The current node's step maximum; 0 when it reports no steps.
    public private(set) var currentMax: Double = 0
    /// True after ``complete()``: ``overall`` is then 1.
    public private(set) var isComplete = false

    /// Progress over `totalNodes` nodes (0 or fewer counts as 1).
    public init(totalNodes: Int) { self.totalNodes = max(totalNodes, 1) }

    /// The whole run's progress, 0…1.
    public var overall: Double {
        if isComplete { return 1 }
        let fraction = currentMax > 0 ? min(max(currentValue / currentMax, 0), 1) : 0
        let done = Double(finished.union(cached).count) + (currentNode.map { finished.contains($0) ? 0 : fraction } ?? 0)
        return min(done / Double(totalNodes), 1)
    }

    /// The current node's step fraction, 0…1, when it reports steps.
    public var nodeFraction: Double? { currentMax > 0 ? min(max(currentValue / currentMax, 0), 1) : nil }

    /// Counts `nodes` as done without running (`execution_cached`).
    public mutating func markCached(_ nodes: [String]) { cached.formUnion(nodes) }

    /// A node starts: the one before it is finished.
    public mutating func start(node: String) {
        if let previous = currentNode, previous != node { finished.insert(previous) }
        currentNode = node
        currentValue = 0
        currentMax = 0
    }

    /// Records step `value` of `max` in `node`, starting that node first if it is not the current one.
    public mutating func step(node: String, value: Double, max: Double) {
        if currentNode != node { start(node: node) }
        currentValue = value
        currentMax = max
    }

    /// Marks `node` finished; when it is the current node, its step fraction becomes full.
    public mutating func finish(node: String) {
        finished.insert(node)
        if currentNode == node {
            currentValue = currentMax
        }
    }

    /// Everything ran: the bar is full even if some nodes were never reported (pruned or cached).
    public mutating func complete() {
        if let currentNode { finished.insert(currentNode) }
        currentNode = nil
        isComplete = true
    }
}
