/// A sweep that cannot be planned; every case names what to fix.
public enum SweepError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not `name=values`.
    case malformed(String)
    /// A name the workflow does not declare, with the ones it does.
    case unknownParam(String, valid: [String])
    /// `name=` with nothing after it.
    case noValues(String)
    /// A range that is not `from..to[:step]` with from ≤ to and step > 0 (whole numbers for an int param).
    case badRange(String)
    /// A range of more values than ``Variation/maxValues``.
    case tooManyValues(String, Int)
    /// A value that is not of the param's kind.
    case invalidValue(ParamValueError)
    /// The same param varied twice.
    case variedTwice(String)
    /// A count below 1.
    case badCount(Int)
    /// More prompts than ``SweepPlan/maxPrompts``.
    case tooManyPrompts(Int)
    /// A value no server accepts for the inputs its param is bound to (out of range, or not among the choices).
    case refusedByServers(param: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .malformed(let text): "--vary \(text): expected name=values (a,b,c · from..to[:step] · a JSON list)"
        case .unknownParam(let name, let valid):
            "--vary \(name): the workflow has no param '\(name)'" + (valid.isEmpty ? "" : "; it takes: " + valid.joined(separator: ", "))
        case .noValues(let name): "--vary \(name)=: no values"
        case .badRange(let text): "--vary \(text): a range is from..to or from..to:step, with from ≤ to and a positive step (whole numbers for an int param)"
        case .tooManyValues(let name, let count): "--vary \(name): the range makes \(count) values, more than \(Variation.maxValues)"
        case .invalidValue(let error): "--vary: \(error.description)"
        case .variedTwice(let name): "--vary \(name) is given twice"
        case .badCount(let count): "--count \(count): expected 1 or more"
        case .tooManyPrompts(let count): "the sweep makes \(count) prompts, more than \(SweepPlan.maxPrompts)"
        case .refusedByServers(let param, let value, let expected): "--vary \(param): \(value) is refused by every server: expected \(expected)"
        }
    }
}

extension SweepError: DescribedError {}
