/// `comfy_execution.progress`'s per-prompt registry behind `progress_state`: every node that started,
/// in start order, with its value, max and state.
struct ProgressRegistry {
    private struct Entry {
        var value: JSONValue
        var max: JSONValue
        var finished: Bool
    }

    private var entries: [(id: String, entry: Entry)] = []

    /// `start_progress`: running at 0.0 of 1.0 (floats, as recorded).
    mutating func start(_ nodeID: String) {
        set(nodeID, Entry(value: .float(0), max: .float(1), finished: false))
    }

    /// A progress bar update: ints, as recorded.
    mutating func update(_ nodeID: String, value: Int, max: Int) {
        set(nodeID, Entry(value: .integer(value), max: .integer(max), finished: false))
    }

    /// `finish_progress`: value becomes max. A node never started (a cached output) starts from 0 of 1.
    mutating func finish(_ nodeID: String) {
        var entry = entries.first { $0.id == nodeID }?.entry ?? Entry(value: .integer(0), max: .integer(1), finished: false)
        entry.value = entry.max
        entry.finished = true
        set(nodeID, entry)
    }

    /// The `progress_state` event payload.
    func payload(promptID: String) -> JSONValue {
        var nodes = JSONObject()
        for (id, entry) in entries {
            nodes[id] = [
                "value": entry.value, "max": entry.max, "state": .string(entry.finished ? "finished" : "running"),
                "node_id": .string(id), "prompt_id": .string(promptID), "display_node_id": .string(id),
                "parent_node_id": nil, "real_node_id": .string(id),
            ]
        }
        return ["prompt_id": .string(promptID), "nodes": .object(nodes)]
    }

    private mutating func set(_ nodeID: String, _ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.id == nodeID }) { entries[index].entry = entry } else { entries.append((nodeID, entry)) }
    }
}
