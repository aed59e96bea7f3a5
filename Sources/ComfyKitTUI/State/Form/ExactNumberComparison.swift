import ComfyKit

/// Compares a field's number with a server bound, integers as integers at any width (a seed of 2⁶⁴ is above
/// 2⁶⁴ − 1, which doubles cannot tell apart), anything else as doubles.
enum ExactNumberComparison {
    /// `<0`, `0` or `>0` as `value` is below, at or above `bound`; `nil` when either is not a number.
    static func compare(_ value: ParamValue, with bound: JSONNumber) -> Int? {
        if let integer = integerLiteral(of: value), let boundInteger = digits(bound.literal) {
            return compareIntegers(integer, boundInteger)
        }
        let number: Double? = switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        case .json(let json): json.doubleValue
        default: nil
        }
        guard let number else { return nil }
        return number < bound.doubleValue ? -1 : (number > bound.doubleValue ? 1 : 0)
    }

    /// An integer value's sign and digits.
    private static func integerLiteral(of value: ParamValue) -> (negative: Bool, digits: Substring)? {
        switch value {
        case .int(let i): digits(String(i))
        case .json(.number(let n)): digits(n.literal)
        default: nil
        }
    }

    /// `-0042` → (true, "42"); `nil` unless the literal is an optional `-` and decimal digits.
    private static func digits(_ literal: String) -> (negative: Bool, digits: Substring)? {
        let negative = literal.hasPrefix("-")
        let body = literal.dropFirst(negative ? 1 : 0)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let trimmed = body.drop { $0 == "0" }
        return (negative && !trimmed.isEmpty, trimmed)
    }

    private static func compareIntegers(_ a: (negative: Bool, digits: Substring), _ b: (negative: Bool, digits: Substring)) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let magnitude = a.digits.count != b.digits.count
            ? (a.digits.count < b.digits.count ? -1 : 1)
            : (a.digits == b.digits ? 0 : (a.digits < b.digits ? -1 : 1))
        return a.negative ? -magnitude : magnitude
    }
}
