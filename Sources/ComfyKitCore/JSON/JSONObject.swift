import OrderedCollections

/// A JSON object that keeps its keys in document order.
///
/// Order matters in a workflow: nodes are listed, and their params declared, in file order,
/// and ComfyUI's `outputs` come in execution order. Foundation's dictionaries lose it.
public struct JSONObject: Hashable, Sendable, Sequence {
    public private(set) var members: OrderedDictionary<String, JSONValue>

    public init() { members = [:] }

    init(members: OrderedDictionary<String, JSONValue>) { self.members = members }

    public init(_ pairs: [(String, JSONValue)]) {
        members = OrderedDictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    public var keys: [String] { Array(members.keys) }
    public var values: [JSONValue] { Array(members.values) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Reads a member; assigning appends a new key at the end or replaces in place; `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    public func contains(_ key: String) -> Bool { members[key] != nil }

    public func makeIterator() -> OrderedDictionary<String, JSONValue>.Iterator { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
