/// A memory cache bounded by cost: when an insertion takes it over its limit, the least recently used entries go.
struct PictureCache<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, cost: Int, used: Int)] = [:]
    private var clock = 0
    private(set) var cost = 0
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    var count: Int { entries.count }

    /// The value, marked as just used.
    subscript(key: Key) -> Value? {
        mutating get {
            guard let entry = entries[key] else { return nil }
            clock += 1
            entries[key]?.used = clock
            return entry.value
        }
    }

    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        clock += 1
        if let old = entries[key] { self.cost -= old.cost }
        entries[key] = (value, cost, clock)
        self.cost += cost
        while self.cost > limit, entries.count > 1, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            self.cost -= entries[oldest]?.cost ?? 0
            entries[oldest] = nil
        }
    }
}
