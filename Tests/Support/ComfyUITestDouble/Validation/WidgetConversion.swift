import Foundation

/// Python's `int()`, `float()`, `str()`, `bool()` applied to a widget value, as `validate_inputs` does
/// before checking ranges.
enum WidgetConversion {
    struct Failure: Error { var message: String }

    static func convert(_ value: JSONValue, to type: String) throws(Failure) -> JSONValue {
        switch type {
        case "INT": return try toInt(value)
        case "FLOAT": return try toFloat(value)
        case "STRING": return .string(PythonRepr.str(value))
        case "BOOLEAN": return .bool(truthiness(value))
        default: return value
        }
    }

    private static func toInt(_ value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .integer, .bigInteger: return value
        case .bool(let flag): return .integer(flag ? 1 : 0)
        case .float(let number):
            if number.isNaN { throw Failure(message: "cannot convert float NaN to integer") }
            if number.isInfinite { throw Failure(message: "cannot convert float infinity to integer") }
            let truncated = number.rounded(.towardZero)
            return abs(truncated) < 9.2e18 ? .integer(Int(truncated)) : .bigInteger(String(format: "%.0f", truncated))
        case .string(let text):
            let cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "_", with: "")
            if let number = Int(cleaned) { return .integer(number) }
            throw Failure(message: "invalid literal for int() with base 10: \(PythonRepr.string(text))")
        default:
            throw Failure(message: "int() argument must be a string, a bytes-like object or a real number, not '\(pythonTypeName(value))'")
        }
    }

    private static func toFloat(_ value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .float: return value
        case .integer, .bigInteger, .bool: return .float(value.numericValue ?? 0)
        case .string(let text):
            let cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let number = Double(cleaned) { return .float(number) }
            switch cleaned.lowercased() {
            case "nan": return .float(.nan)
            case "inf", "infinity": return .float(.infinity)
            case "-inf", "-infinity": return .float(-.infinity)
            default: throw Failure(message: "could not convert string to float: \(PythonRepr.string(text))")
            }
        default:
            throw Failure(message: "float() argument must be a string or a real number, not '\(pythonTypeName(value))'")
        }
    }

    static func truthiness(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .integer(let number): return number != 0
        case .bigInteger: return true
        case .float(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let object): return !object.isEmpty
        }
    }

    static func pythonTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .integer, .bigInteger: return "int"
        case .float: return "float"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }
}
