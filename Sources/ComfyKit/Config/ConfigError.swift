import Foundation

/// A setting that cannot be used. Names the variable (or the code setting) and what it expects;
/// secrets are never echoed.
public enum ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `variable` (an environment variable or a code setting) holds `value` (`nil` when not echoed, e.g. a secret), which is not `expected`.
    case invalid(variable: String, value: String?, expected: String)

    /// `NAME="value" is not valid: expected …`; without the value part when the error carries none.
    public var description: String {
        switch self {
        case .invalid(let variable, let value?, let expected): "\(variable)=\"\(value)\" is not valid: expected \(expected)"
        case .invalid(let variable, nil, let expected): "\(variable) is not valid: expected \(expected)"
        }
    }
}

extension ConfigError: DescribedError {}
