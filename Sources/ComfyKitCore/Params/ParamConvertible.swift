import Foundation

/// A Swift value that can be a param's value, so that variables work where literals do:
///
/// ```swift
/// let width = 1024
/// await kit.execute(.file(path: "txt2img.json"), params: ["width": width, "prompt": prompt])
/// ```
public protocol ParamConvertible: Sendable {
    /// The value as it is bound into the workflow.
    var paramValue: ParamValue { get }
}

extension ParamValue: ParamConvertible {
    /// The value itself.
    public var paramValue: ParamValue { self }
}

extension Int: ParamConvertible {
    /// An `int` value.
    public var paramValue: ParamValue { .int(self) }
}

extension Int64: ParamConvertible {
    /// An `int` value.
    public var paramValue: ParamValue { .int(Int(self)) }
}

extension Int32: ParamConvertible {
    /// An `int` value.
    public var paramValue: ParamValue { .int(Int(self)) }
}

extension UInt64: ParamConvertible {
    /// Seeds reach 2⁶⁴ − 1, past `Int`: kept exact as a JSON number.
    public var paramValue: ParamValue { self <= UInt64(Int.max) ? .int(Int(self)) : .json(.number(JSONNumber(self))) }
}

extension Double: ParamConvertible {
    /// A `double` value.
    public var paramValue: ParamValue { .double(self) }
}

extension Float: ParamConvertible {
    /// A `double` value (widened exactly).
    public var paramValue: ParamValue { .double(Double(self)) }
}

extension Bool: ParamConvertible {
    /// A `bool` value.
    public var paramValue: ParamValue { .bool(self) }
}

extension String: ParamConvertible {
    /// A `string` value.
    public var paramValue: ParamValue { .string(self) }
}

extension Substring: ParamConvertible {
    /// A `string` value.
    public var paramValue: ParamValue { .string(String(self)) }
}

extension URL: ParamConvertible {
    /// A file URL is its path (a local file to upload), any other URL its text (downloaded, then uploaded).
    public var paramValue: ParamValue { .string(isFileURL ? path : absoluteString) }
}

extension JSONValue: ParamConvertible {
    /// Written as is: lists, objects, integers wider than 64 bits.
    public var paramValue: ParamValue { .json(self) }
}

extension Dictionary where Key == String, Value == any ParamConvertible {
    /// The values as ``ParamValue``s, for APIs that take those.
    public var paramValues: [String: ParamValue] { mapValues(\.paramValue) }
}
