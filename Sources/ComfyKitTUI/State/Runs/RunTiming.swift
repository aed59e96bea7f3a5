import ComfyKit

/// How long a run's nodes took, for the whole run's ETA, and which nodes the server reused, by name.
///
/// Pure: fed with the run's node starts and its cached nodes at the app's clock.
struct RunTiming: Hashable, Sendable {
    /// Each node's label (its title's text, else its class) by id, from the workflow the run submits.
    var labels: [String: String] = [:]
    /// How many nodes the workflow has; 0 when unknown (a re-attached run), and then no ETA is given.
    var totalNodes = 0
    /// The nodes the server reused from an earlier run (`execution_cached`), in its order.
    private(set) var cached: [String] = []
    /// The node executing now and when it started.
    private var currentID: String?
    private var currentStart: Double = 0
    /// Seconds each node that ran to its end took, by id.
    private(set) var durations: [String: Double] = [:]

    /// Timing for a run whose workflow is not known: cached nodes by id, no ETA.
    init() {}

    /// Timing for `workflow`'s nodes, labelled as the run panel names them.
    init(_ workflow: Workflow) {
        for node in workflow.nodes { labels[node.id] = NodeInfo(id: node.id, classType: node.classType, title: node.title).label }
        totalNodes = labels.count
    }

    /// The cached nodes by label, in the server's order (an id the workflow lacks is shown as `#id`).
    var cachedLabels: [String] { cached.map { labels[$0] ?? "#\($0)" } }

    mutating func markCached(_ nodes: [String]) {
        for node in nodes where !cached.contains(node) { cached.append(node) }
    }

    /// A node starts at `clock`: the one before it has ended.
    mutating func start(node: String, at clock: Double) {
        guard node != currentID else { return }
        end(at: clock)
        currentID = node
        currentStart = clock
    }

    /// The node running at `clock` (if any) has ended.
    mutating func end(at clock: Double) {
        if let currentID { durations[currentID] = max(0, clock - currentStart) }
        currentID = nil
    }

    /// The run ended: nothing is running any more (its last node's time is not known to have been a node's).
    mutating func end() { currentID = nil }

    /// The whole run's seconds left: what is left of the current node (its step ETA when it has steps, else the
    /// mean of the nodes done less its time so far) plus the nodes after it at the mean time of the nodes done.
    /// `nil` until one node has run to its end, or when the workflow's size is unknown.
    func secondsLeft(now: Double, currentNodeLeft: Double?) -> Double? {
        guard totalNodes > 0, !durations.isEmpty else { return nil }
        let mean = durations.values.reduce(0, +) / Double(durations.count)
        let seen = Set(durations.keys).union(cached).union(currentID.map { [$0] } ?? [])
        let after = max(0, totalNodes - seen.count)
        let currentLeft = currentID == nil ? 0 : currentNodeLeft ?? max(0, mean - (now - currentStart))
        return currentLeft + Double(after) * mean
    }
}
