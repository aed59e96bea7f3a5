/// A JSON number kept as its literal text, so integers wider than 64 bits
/// (ComfyUI seeds reach 2^64 − 1) and the int/float distinction survive a round trip.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The literal as written in JSON, e.g. `"512"`, `"1.5"`, `"-2e3"`.
    public let literal: String

    /// True when the literal has no fraction and no exponent.
    public var isInteger: Bool { !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// The value as a Swift `Int`, when it is an integer literal that fits.
    public var intValue: Int? { isInteger ? Int(literal) : nil }

    /// The value as a `Double` (always available, possibly rounded).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// The literal, as it is written in JSON.
    public var description: String { literal }

    /// Wraps a literal that the caller has already validated as JSON number syntax.
    init(validatedLiteral: String) { literal = validatedLiteral }

    /// An integer.
    public init(_ value: Int) { literal = String(value) }

    /// An unsigned integer, for seeds up to 2^64 − 1.
    public init(_ value: UInt64) { literal = String(value) }

    /// A finite double; written so that it reads back as a float (`1.0`, not `1`).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        var text = "\(value)"
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { text += ".0" }
        literal = text
    }

    /// Parses JSON number syntax (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`).
    public init?(literal text: String) {
        guard JSONNumber.isValidLiteral(text.utf8) else { return nil }
        literal = text
    }

    static func isValidLiteral<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        guard i < bytes.endIndex, digit(bytes[i]) else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i = bytes.index(after: i)
        } else {
            while i < bytes.endIndex, digit(bytes[i]) { i = bytes.index(after: i) }
        }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            guard i < bytes.endIndex, digit(bytes[i]) else { return false }
            while i < bytes.endIndex, digit(bytes[i]) { i = bytes.index(after: i) }
        }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard i < bytes.endIndex, digit(bytes[i]) else { return false }
            while i < bytes.endIndex, digit(bytes[i]) { i = bytes.index(after: i) }
        }
        return i == bytes.endIndex
    }
}
