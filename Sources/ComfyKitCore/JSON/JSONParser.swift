import OrderedCollections

/// A strict RFC 8259 parser over UTF-8 bytes that keeps object key order and reports
/// line and column on error. Duplicate keys keep the last value, as Python's `json` does.
///
/// It reads an `UnsafeBufferPointer` (no per-byte bounds or `String` work), gathers each array's items and
/// each object's members on one scratch stack and then builds them at their exact size, and makes a string
/// without escapes straight from its bytes.
enum JSONParser {
    /// Nesting deeper than this is rejected instead of overflowing the stack.
    static let maxDepth = 512

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parse(buffer: $0) }.get()
    }

    /// Parses contiguous bytes without copying them first; other collections are copied once.
    static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return try result.get() }
        return try parse(Array(bytes))
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONSyntaxError> {
        // An empty buffer may have no base address: it is the empty-file error.
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return .failure(JSONSyntaxError(message: "the file is empty, expected a JSON value", line: 1, column: 1, offset: 0))
        }
        var parser = Cursor(base: base, count: buffer.count)
        do {
            return .success(try parser.document())
        } catch {
            return .failure(error)
        }
    }

    struct Cursor {
        let base: UnsafePointer<UInt8>
        let count: Int
        var index = 0
        /// Items of the arrays and values of the objects being read, innermost last.
        let values = ScratchStack<JSONValue>()
        /// Keys of the objects being read, innermost last.
        let keys = ScratchStack<String>()

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        var atEnd: Bool { index >= count }
        var current: UInt8 { base[index] }

        mutating func document() throws(JSONSyntaxError) -> JSONValue {
            // A UTF-8 byte-order mark is tolerated, as editors on some systems write one.
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { index = 3 }
            skipWhitespace()
            if atEnd { throw error("the file is empty, expected a JSON value") }
            let value = try value(depth: 0)
            skipWhitespace()
            if !atEnd { throw error("unexpected \(describeCurrent()) after the JSON value") }
            return value
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < count {
                switch base[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
            let stop = min(offset ?? index, count)
            var line = 1
            var column = 1
            var i = 0
            while i < stop {
                if base[i] == 0x0A {
                    line += 1
                    column = 1
                } else if base[i] & 0xC0 != 0x80 {
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
            guard depth < JSONParser.maxDepth else { throw error("nesting is deeper than \(JSONParser.maxDepth) levels") }
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
            let slice = UnsafeBufferPointer(start: base + start, count: index - start)
            guard JSONNumber.isValidLiteral(slice) else { throw error("invalid number", at: start) }
            return JSONNumber(validatedLiteral: String(decoding: slice, as: UTF8.self))
        }

        @inline(__always)
        static func isNumberByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            // Fast path: no escape and no control character before the closing quote.
            let open = index
            var i = index + 1
            var high: UInt8 = 0
            while i < count {
                let b = base[i]
                if b == UInt8(ascii: "\"") {
                    let run = UnsafeBufferPointer(start: base + open + 1, count: i - open - 1)
                    index = i + 1
                    if high < 0x80 { return String(decoding: run, as: UTF8.self) }
                    guard let text = String(validating: run, as: UTF8.self) else {
                        throw error("string is not valid UTF-8", at: open)
                    }
                    return text
                }
                if b == UInt8(ascii: "\\") || b < 0x20 { break }
                high |= b
                i += 1
            }
            return try escapedString()
        }

        /// A string with escapes, a control character or no end: read byte by byte, errors in document order.
        mutating func escapedString() throws(JSONSyntaxError) -> String {
            let open = index
            index += 1
            var out = [UInt8]()
            var runStart = index
            while true {
                guard !atEnd else { throw error("unterminated string", at: open) }
                let b = current
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    index += 1
                    break
                }
                if b < 0x20 { throw error("control character in a string (escape it as \\u00\(String(b, radix: 16)))") }
                if b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
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
                    if index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
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
                UTF8.encode(Unicode.Scalar(scalar)!) { out.append($0) }
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
            }
        }

        mutating func hex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
            guard index + 4 <= count else { throw error("truncated \\u escape", at: escapeStart) }
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
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "]") {
                index += 1
                return .array([])
            }
            let base = values.count
            while true {
                skipWhitespace()
                let item = try value(depth: depth + 1)
                values.append(item)
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
                    return .array(values.popArray(from: base))
                }
                throw error("unexpected \(describeCurrent()) in an array, expected ',' or ']'")
            }
        }

        mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            index += 1
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject())
            }
            let valueBase = values.count
            let keyBase = keys.count
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
                let member = try value(depth: depth + 1)
                keys.append(key)
                values.append(member)
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
                    return .object(JSONObject(members: makeMembers(keyBase: keyBase, valueBase: valueBase)))
                }
                throw error("unexpected \(describeCurrent()) in an object, expected ',' or '}'")
            }
        }

        /// The members gathered since `keyBase`/`valueBase`, taken off the stacks, in document order; a repeated
        /// key keeps its first place and its last value.
        func makeMembers(keyBase: Int, valueBase: Int) -> OrderedDictionary<String, JSONValue> {
            let n = keys.count - keyBase
            if n <= 16 {
                var unique = true
                check: for i in keyBase..<keys.count {
                    for j in (i + 1)..<keys.count where keys[i] == keys[j] {
                        unique = false
                        break check
                    }
                }
                if unique {
                    return OrderedDictionary(uncheckedUniqueKeys: keys.pop(from: keyBase), values: values.pop(from: valueBase))
                }
            }
            let memberKeys = keys.pop(from: keyBase)
            let memberValues = values.pop(from: valueBase)
            var members = OrderedDictionary<String, JSONValue>(minimumCapacity: n)
            for offset in 0..<n {
                members[memberKeys[offset]] = memberValues[offset]
            }
            return members
        }
    }
}

/// A growable stack whose top elements are moved (not copied) into a new array.
final class ScratchStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> Element { storage[index] }

    @inline(__always)
    func append(_ element: __owned Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }

    /// The elements from `start` to the top, removed from the stack.
    func pop(from start: Int) -> ContiguousArray<Element> {
        let n = count - start
        let result = ContiguousArray(UnsafeBufferPointer(start: storage + start, count: n))
        (storage + start).deinitialize(count: n)
        count = start
        return result
    }

    func popArray(from start: Int) -> [Element] {
        let n = count - start
        let result = Array(UnsafeBufferPointer(start: storage + start, count: n))
        (storage + start).deinitialize(count: n)
        count = start
        return result
    }
}
