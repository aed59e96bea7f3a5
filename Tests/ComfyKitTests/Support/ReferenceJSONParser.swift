@testable import ComfyKit
@testable import ComfyKitCore

/// The parser as it was before it read raw buffers and built objects from a scratch stack: byte by byte over an
/// array, an object grown member by member. The differential properties check the fast one against it.
/// A strict RFC 8259 parser over UTF-8 bytes that keeps object key order and reports
/// line and column on error. Duplicate keys keep the last value, as Python's `json` does.
enum ReferenceJSONParser {
    /// Nesting deeper than this is rejected instead of overflowing the stack.
    static let maxDepth = 512

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = Cursor(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated, as editors on some systems write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        if parser.atEnd { throw parser.error("the file is empty, expected a JSON value") }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if !parser.atEnd { throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8 { bytes[index] }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
            let stop = min(offset ?? index, bytes.count)
            var line = 1
            var column = 1
            var i = 0
            while i < stop {
                if bytes[i] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[i] & 0xC0 != 0x80 {
                    column += 1  // count characters, not UTF-8 continuation bytes
                }
                i += 1
            }
            return JSONSyntaxError(message: message, line: line, column: column, offset: stop)
        }

        func describeCurrent() -> String {
            guard !atEnd else { return "end of file" }
            let b = current
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth < ReferenceJSONParser.maxDepth else { throw error("nesting is deeper than \(ReferenceJSONParser.maxDepth) levels") }
            guard !atEnd else { throw error("unexpected end of file, expected a value") }
            switch current {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("unexpected \(describeCurrent()), expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
            let start = index
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            for byte in expected {
                guard !atEnd, current == byte else {
                    throw error("invalid literal, expected '\(word)'", at: start)
                }
                index += 1
            }
        }

        mutating func number() throws(JSONSyntaxError) -> JSONNumber {
            let start = index
            while !atEnd, Cursor.isNumberByte(current) { index += 1 }
            let slice = bytes[start..<index]
            guard JSONNumber.isValidLiteral(slice) else { throw error("invalid number", at: start) }
            return JSONNumber(validatedLiteral: String(decoding: slice, as: UTF8.self))
        }

        static func isNumberByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            let open = index
            index += 1
            var out = [UInt8]()
            var runStart = index
            while true {
                guard !atEnd else { throw error("unterminated string", at: open) }
                let b = current
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    break
                }
                if b < 0x20 { throw error("control character in a string (escape it as \\u00\(String(b, radix: 16)))") }
                if b == UInt8(ascii: "\\") {
                    out.append(contentsOf: bytes[runStart..<index])
                    try escape(into: &out)
                    runStart = index
                    continue
                }
                index += 1
            }
            guard let text = String(validating: out, as: UTF8.self) else {
                throw error("string is not valid UTF-8", at: open)
            }
            return text
        }

        mutating func escape(into out: inout [UInt8]) throws(JSONSyntaxError) {
            let start = index
            index += 1
            guard !atEnd else { throw error("unterminated escape", at: start) }
            let c = current
            index += 1
            switch c {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(escapeStart: start)
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4(escapeStart: index - 2)
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair", at: start) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        scalar = 0xFFFD  // lone surrogate: Python accepts it; we substitute U+FFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
            }
        }

        mutating func hex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("truncated \\u escape", at: escapeStart) }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = current
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - 0x41 + 10)
                default: throw error("invalid \\u escape", at: escapeStart)
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file in an array, expected ',' or ']'") }
                if current == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if !atEnd, current == UInt8(ascii: "]") { throw error("trailing comma in an array") }
                    continue
                }
                if current == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                throw error("unexpected \(describeCurrent()) in an array, expected ',' or ']'")
            }
        }

        mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            index += 1
            var object = JSONObject()
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "}") {
                index += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file in an object, expected a key") }
                guard current == UInt8(ascii: "\"") else {
                    throw error("unexpected \(describeCurrent()) in an object, expected a key in double quotes")
                }
                let key = try string()
                skipWhitespace()
                guard !atEnd, current == UInt8(ascii: ":") else {
                    throw error("unexpected \(describeCurrent()) after key \"\(key)\", expected ':'")
                }
                index += 1
                skipWhitespace()
                object[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file in an object, expected ',' or '}'") }
                if current == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if !atEnd, current == UInt8(ascii: "}") { throw error("trailing comma in an object") }
                    continue
                }
                if current == UInt8(ascii: "}") {
                    index += 1
                    return .object(object)
                }
                throw error("unexpected \(describeCurrent()) in an object, expected ',' or '}'")
            }
        }
    }
}
