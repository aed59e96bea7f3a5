import OrderedCollections

/// A JSON object that keeps its keys in document order.
///
/// Order matters in a workflow: nodes are listed, and their params declared, in file order,
/// and ComfyUI's `outputs` come in execution order. Foundation's dictionaries lose it.
public struct JSONObject: Hashable, Sendable, Sequence {
    /// The members in document order.
    public private(set) var members: OrderedDictionary<String, JSONValue>

    /// An empty object.
    public init() { members = [:] }

    init(members: OrderedDictionary<String, JSONValue>) { self.members = members }

    /// An object with `pairs` in their order; a repeated key keeps its first place and its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        members = OrderedDictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    /// The keys in document order.
    public var keys: [String] { Array(members.keys) }
    /// The values in document order.
    public var values: [JSONValue] { Array(members.values) }
    /// The number of members.
    public var count: Int { members.count }
    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Reads a member; assigning appends a new key at the end or replaces in place; `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// True when `key` is a member, even one whose value is `null`.
    public func contains(_ key: String) -> Bool { members[key] != nil }

    /// Iterates `(key, value)` pairs in document order.
    public func makeIterator() -> OrderedDictionary<String, JSONValue>.Iterator { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the literal's members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
