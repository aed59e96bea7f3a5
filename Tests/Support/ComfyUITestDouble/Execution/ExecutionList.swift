/// A port of `comfy_execution.graph.ExecutionList`: which node runs next, including its
/// "output nodes first, then whatever unblocks one soonest" pick, so node order matches the real server.
struct ExecutionList {
    private let prompt: JSONObject
    private let isOutputNode: (String) -> Bool
    private let isCached: (String) -> Bool
    private let isLazyInput: (String, String) -> Bool
    /// `pendingNodes`, in insertion order.
    private var pending: [String] = []
    private var blockCount: [String: Int] = [:]
    /// `blocking[from]`: the nodes waiting on `from`, in insertion order.
    private var blocking: [String: [String]] = [:]

    init(prompt: JSONObject, isOutputNode: @escaping (String) -> Bool, isCached: @escaping (String) -> Bool,
         isLazyInput: @escaping (String, String) -> Bool) {
        self.prompt = prompt
        self.isOutputNode = isOutputNode
        self.isCached = isCached
        self.isLazyInput = isLazyInput
    }

    var isEmpty: Bool { pending.isEmpty }

    /// A link value: `["node id", slot]`.
    static func link(_ value: JSONValue) -> (node: String, slot: Int)? {
        guard case .array(let items) = value, items.count == 2, let node = items[0].stringValue, case .integer(let slot) = items[1] else { return nil }
        return (node, slot)
    }

    mutating func add(_ nodeID: String) {
        var stack = [nodeID]
        var links: [(from: String, to: String)] = []
        while let id = stack.popLast() {
            guard blockCount[id] == nil else { continue }
            pending.append(id)
            blockCount[id] = 0
            blocking[id] = []
            for (name, value) in prompt[id]?["inputs"]?.objectValue?.entries ?? [] {
                guard let link = Self.link(value), !isLazyInput(id, name) else { continue }
                if !isCached(link.node) { stack.append(link.node) }
                links.append((link.node, id))
            }
        }
        for link in links where !isCached(link.from) {
            add(link.from)
            if blocking[link.from]?.contains(link.to) == false {
                blocking[link.from, default: []].append(link.to)
                blockCount[link.to, default: 0] += 1
            }
        }
    }

    /// The next node to execute, or nil when the remaining nodes wait on each other (a cycle).
    func next() -> String? {
        let ready = pending.filter { blockCount[$0] == 0 }
        guard !ready.isEmpty else { return nil }
        if let output = ready.first(where: isOutputNode) { return output }
        if let feeder = ready.first(where: { (blocking[$0] ?? []).contains(where: isOutputNode) }) { return feeder }
        if let grandFeeder = ready.first(where: { node in
            (blocking[node] ?? []).contains { (blocking[$0] ?? []).contains(where: isOutputNode) }
        }) { return grandFeeder }
        return ready[0]
    }

    mutating func complete(_ nodeID: String) {
        pending.removeAll { $0 == nodeID }
        for blocked in blocking[nodeID] ?? [] { blockCount[blocked, default: 0] -= 1 }
        blocking[nodeID] = nil
        blockCount[nodeID] = nil
    }
}
