/// A JSON document as a value: the workflow graph, history entries and events are all read into this.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its literal (see ``JSONNumber``).
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, its keys in document order.
    case object(JSONObject)

    /// An integer number.
    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A finite double; non-finite values have no JSON form and become `null`.
    public static func double(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// The object; `nil` for any other value.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The array's elements; `nil` for any other value.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The string; `nil` for any other value (numbers are not converted).
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean; `nil` for any other value.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The number; `nil` for any other value.
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    /// The number as an `Int`; `nil` when not an integer number that fits.
    public var intValue: Int? { numberValue?.intValue }
    /// The number as a `Double` (possibly rounded); `nil` when not a number.
    public var doubleValue: Double? { numberValue?.doubleValue }
    /// True for `null`.
    public var isNull: Bool { self == .null }

    /// Member access for objects; `nil` for other values or missing keys.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value as text the way Python's `str()` would show a scalar; compact JSON otherwise.
    public var displayText: String {
        switch self {
        case .string(let s): s
        case .number(let n): n.literal
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array, .object: JSONWriter.string(self)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer number.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A number; a non-finite literal becomes `null`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// Parses UTF-8 JSON text.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONSyntaxError) {
        self = try JSONParser.parse(bytes)
    }

    /// Parses JSON text.
    public init(parsing text: String) throws(JSONSyntaxError) {
        self = try JSONParser.parse(text.utf8)
    }

    /// Compact UTF-8 JSON, keys in their order.
    public func serialized() -> [UInt8] { JSONWriter.bytes(self) }
}
