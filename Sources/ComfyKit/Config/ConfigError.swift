import Foundation

/// A setting that cannot be used. Names the variable (or the code setting) and what it expects;
/// secrets are never echoed.
public enum ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `variable` (an environment variable or a code setting) holds `value` (`nil` when not echoed, e.g. a secret), which is not `expected`.
    case invalid(variable: String, value: String?, expected: String)
    /// The servers file at `path` cannot be used: `problem`, at `line` when it is known. Never echoes a secret.
    case serversFile(path: String, line: Int?, problem: String)

    /// `NAME="value" is not valid: expected …`; without the value part when the error carries none.
    public var description: String {
        switch self {
        case .invalid(let variable, let value?, let expected): "\(variable)=\"\(value)\" is not valid: expected \(expected)"
        case .invalid(let variable, nil, let expected): "\(variable) is not valid: expected \(expected)"
        case .serversFile(let path, let line?, let problem): "\(path), line \(line): \(problem)"
        case .serversFile(let path, nil, let problem): "\(path): \(problem)"
        }
    }
}

extension ConfigError: DescribedError {}
