/// Params that cannot be bound into a workflow.
public enum BindError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every required param without a value, in workflow order.
    case missingRequired([ParamSpec])
    /// Names the workflow does not declare, with the names it does.
    case unknownParams([String], valid: [String])
    /// A media value that names a local file that does not exist.
    case mediaFileNotFound(param: String, path: String)
    /// A value that cannot be read as the param's kind.
    case invalidValue(ParamValueError)

    /// A message naming each param and where it is bound, with a suggestion for a mistyped name.
    public var description: String {
        switch self {
        case .missingRequired(let params) where params.count == 1:
            "Required parameter '\(params[0].name)' is missing (\(BindError.where(params[0])))"
        case .missingRequired(let params):
            "Required parameters are missing: " + params.map { "'\($0.name)' (\(BindError.where($0)))" }.joined(separator: ", ")
        case .unknownParams(let names, let valid):
            "Unknown parameter\(names.count == 1 ? "" : "s") "
                + names.map { "'\($0)'" + BindError.suggestion(for: $0, among: valid) }.joined(separator: ", ")
                + (valid.isEmpty ? "; this workflow takes no parameters" : "; this workflow takes: " + valid.joined(separator: ", "))
        case .mediaFileNotFound(let param, let path):
            "param `\(param)`: the local file \(path) does not exist"
        case .invalidValue(let error):
            error.description
        }
    }

    private static func `where`(_ param: ParamSpec) -> String {
        param.bindings.map { "node \($0.nodeID) `\($0.field)`" }.joined(separator: ", ")
    }

    /// " (did you mean 'x'?)" for a name within two edits of a valid one.
    private static func suggestion(for name: String, among valid: [String]) -> String {
        let scored = valid.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < max(name.count, 1) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
