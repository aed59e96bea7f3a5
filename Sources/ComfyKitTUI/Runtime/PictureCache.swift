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

    /// The keys held, in no order, without marking them used.
    var keys: [Key] { Array(entries.keys) }

    /// The value, marked as just used.
    subscript(key: Key) -> Value? {
        mutating get {
            guard let entry = entries[key] else { return nil }
            clock += 1
            entries[key]?.used = clock
            return entry.value
        }
    }

    /// Keeps `value`; returns the values that left to make room (and the one it replaced under the same key).
    @discardableResult
    mutating func insert(_ value: Value, for key: Key, cost: Int) -> [Value] {
        clock += 1
        var gone: [Value] = []
        if let old = entries[key] {
            self.cost -= old.cost
            gone.append(old.value)
        }
        entries[key] = (value, cost, clock)
        self.cost += cost
        while self.cost > limit, entries.count > 1, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            if let entry = entries.removeValue(forKey: oldest) {
                self.cost -= entry.cost
                gone.append(entry.value)
            }
        }
        return gone
    }

    /// Takes the entry for `key` out, returning its value.
    mutating func remove(_ key: Key) -> Value? {
        guard let entry = entries.removeValue(forKey: key) else { return nil }
        cost -= entry.cost
        return entry.value
    }

    /// Empties the cache, returning what it held.
    mutating func removeAll() -> [Value] {
        defer { entries = [:]; cost = 0 }
        return entries.values.map(\.value)
    }
}
