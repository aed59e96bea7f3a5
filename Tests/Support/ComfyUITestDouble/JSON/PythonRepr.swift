/// Python's `str()` / `repr()` text for values, used where ComfyUI formats values into messages
/// (`"Value 0 smaller than min of 1"`, `"'superres' not in ['nearest-exact', ...]"`).
enum PythonRepr {
    /// `repr(float)`: shortest round-trip digits, which Swift's `description` already produces in the same layout.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    /// `str(value)` for a JSON-decoded Python value.
    static func str(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        default: return repr(value)
        }
    }

    /// `repr(value)` for a JSON-decoded Python value.
    static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .integer(let number): return String(number)
        case .bigInteger(let digits): return digits
        case .float(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return number.description
        case .string(let text): return string(text)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.entries.map { string($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// `repr(str)`: single quotes unless the text holds a single quote and no double quote.
    static func string(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }
}
