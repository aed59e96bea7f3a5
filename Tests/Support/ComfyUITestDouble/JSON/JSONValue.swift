/// A JSON document as ComfyUI's Python server sees it: objects keep their key order, and
/// integers stay integers (Python echoes `7` as `7` and `7.0` as `7.0`).
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    /// An integer too large for `Int` (object_info has `18446744073709551615`), kept as its digits.
    case bigInteger(String)
    case float(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        switch self {
        case .integer(let value): return value
        case .float(let value) where value.rounded() == value && abs(value) < 9e18: return Int(value)
        default: return nil
        }
    }

    /// The numeric value, with Python's `True == 1` semantics; nil for non-numbers.
    var numericValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .bigInteger(let digits): return Double(digits)
        case .float(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Python `==`: numbers compare by value across int/float/bool, containers element-wise.
    func pythonEquals(_ other: JSONValue) -> Bool {
        if let lhs = numericValue, let rhs = other.numericValue { return lhs == rhs }
        switch (self, other) {
        case (.null, .null): return true
        case (.string(let lhs), .string(let rhs)): return lhs == rhs
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.pythonEquals($1) }
        case (.object(let lhs), .object(let rhs)):
            return lhs.count == rhs.count && lhs.entries.allSatisfy { key, value in rhs[key].map { value.pythonEquals($0) } ?? false }
        default: return false
        }
    }
}

extension JSONValue: CustomStringConvertible {
    var description: String { JSONWriter.string(self) }
}

/// A JSON object that keeps insertion order, like a Python `dict`.
struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var entries: [(key: String, value: JSONValue)] = []

    init() {}

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    var keys: [String] { entries.map(\.key) }
    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    subscript(key: String) -> JSONValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(floatLiteral value: Double) { self = .float(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(nilLiteral: ()) { self = .null }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
