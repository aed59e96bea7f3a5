/// A value given for a param. Library callers pass typed values; the CLI and the TUI parse text
/// with ``ParamValue/coerce(_:to:param:)``.
public enum ParamValue: Hashable, Sendable {
    /// A whole number, written as a JSON integer.
    case int(Int)
    /// A number, written as a JSON float.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// Text; for a media param, a local path, an http(s) URL or a file name on the server.
    case string(String)
    /// JSON `null`.
    case null
    /// Any JSON, written as is (lists, objects, integers wider than 64 bits).
    case json(JSONValue)

    /// The value as it is written into the workflow.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        case .null: .null
        case .json(let j): j
        }
    }

    /// Parses text typed by a user into a value of the param's kind.
    ///
    /// `"1024"` for an int param becomes `1024`; `"abc"` is an error naming the param and the kind.
    public static func coerce(_ text: String, to kind: ParamKind, param: String) throws(ParamValueError) -> ParamValue {
        let trimmed = text.trimmingWhitespace()
        switch kind {
        case .string, .media:
            return .string(text)
        case .int:
            if let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) { return .int(value) }
            // Seeds go up to 2^64 − 1; keep wider integers exact as JSON.
            if let number = JSONNumber(literal: trimmed), number.isInteger { return .json(.number(number)) }
            if !trimmed.lowercased().contains("x"), let d = Double(trimmed), d.isFinite, d == d.rounded(), abs(d) < 9.0e15 { return .int(Int(d)) }
            throw ParamValueError(param: param, kind: kind, text: text)
        case .float:
            guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite,
                !trimmed.lowercased().hasPrefix("0x")
            else { throw ParamValueError(param: param, kind: kind, text: text) }
            return .double(value)
        case .bool:
            switch trimmed.lowercased() {
            case "true", "yes", "y", "on", "1": return .bool(true)
            case "false", "no", "n", "off", "0": return .bool(false)
            default: throw ParamValueError(param: param, kind: kind, text: text)
            }
        }
    }
}

extension ParamValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    /// A ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An ``int(_:)``.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A ``double(_:)``.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// ``null``, written into the workflow as JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

/// Text that cannot be read as the param's kind.
public struct ParamValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The param the text was given for.
    public let param: String
    /// The kind the text should have been.
    public let kind: ParamKind
    /// The text as given.
    public let text: String

    /// Names the param and the text, and says what was expected with an example (`an integer (e.g. 1024)`).
    public var description: String {
        let expected = switch kind {
        case .int: "an integer (e.g. 1024)"
        case .float: "a number (e.g. 7.5)"
        case .bool: "true or false (also yes/no, on/off, 1/0)"
        case .string, .media: "text"
        }
        return "param `\(param)`: \"\(text)\" is not \(expected)"
    }
}

extension String {
    package func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}
