import ComfyKit

/// `-p name=value` arguments, read with the workflow's spec so each value gets its param's kind.
enum ParamArguments {
    /// Parses `name=value` pairs; values are coerced by kind (`"1024"` → 1024 for an int param).
    /// `--param-json name=<JSON>` values are taken as JSON as they are.
    static func values(_ pairs: [String], json jsonPairs: [String] = [], spec: WorkflowSpec) throws(ParamArgumentError) -> [String: ParamValue] {
        var values: [String: ParamValue] = [:]
        for pair in pairs {
            let (name, text) = try split(pair, flag: "-p")
            guard let param = spec.param(named: name) else { throw .unknown(name, valid: spec.params.map(\.name)) }
            do {
                values[name] = try ParamValue.coerce(text, to: param.kind, param: name)
            } catch {
                throw .invalid(error.description)
            }
        }
        for pair in jsonPairs {
            let (name, text) = try split(pair, flag: "--param-json")
            guard spec.param(named: name) != nil else { throw .unknown(name, valid: spec.params.map(\.name)) }
            do {
                values[name] = .json(try JSONValue(parsing: text))
            } catch {
                throw .invalid("--param-json \(name): \(error)")
            }
        }
        return values
    }

    private static func split(_ pair: String, flag: String) throws(ParamArgumentError) -> (String, String) {
        guard let eq = pair.firstIndex(of: "=") else { throw .malformed(pair, flag: flag) }
        return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
    }
}

/// A `-p` argument that cannot be used; a usage error (exit code 2).
enum ParamArgumentError: Error, CustomStringConvertible {
    case malformed(String, flag: String)
    case unknown(String, valid: [String])
    case invalid(String)

    var description: String {
        switch self {
        case .malformed(let pair, let flag): "\(flag) \(pair): expected name=value"
        case .unknown(let name, let valid):
            "unknown param '\(name)'; " + (valid.isEmpty ? "this workflow takes no params" : "this workflow takes: " + valid.joined(separator: ", "))
        case .invalid(let message): message
        }
    }
}
