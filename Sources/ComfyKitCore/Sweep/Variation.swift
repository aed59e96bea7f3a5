/// The values one param takes across a sweep, read from `--vary` text: a list (`steps=10,20,30`,
/// `sampler=euler,dpmpp_2m`), a range with a step (`cfg=4..8:0.5`, `seed=1..40`, step 1 by default), or a
/// JSON list for values that hold commas (`prompt=["a, b","c"]`). Values are read as the param's kind.
public struct Variation: Hashable, Sendable {
    public let param: String
    public let values: [ParamValue]

    public init(param: String, values: [ParamValue]) {
        self.param = param
        self.values = values
    }

    /// The largest number of values one range may make: a typo such as `seed=1..1e9` is refused, not expanded.
    public static let maxValues = 10_000

    /// Reads `name=values` for a param of `spec`.
    public static func parse(_ text: String, spec: WorkflowSpec) throws(SweepError) -> Variation {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { throw .malformed(text) }
        let name = String(text[..<equals]).trimmingWhitespace()
        let body = String(text[text.index(after: equals)...])
        guard let param = spec.params.first(where: { $0.name == name }) else {
            throw .unknownParam(name, valid: spec.params.map(\.name))
        }
        let values = try values(of: body, for: param)
        guard !values.isEmpty else { throw .noValues(name) }
        return Variation(param: name, values: values)
    }

    private static func values(of body: String, for param: ParamSpec) throws(SweepError) -> [ParamValue] {
        let trimmed = body.trimmingWhitespace()
        if trimmed.hasPrefix("[") {
            guard case .array(let items)? = try? JSONValue(parsing: Array(trimmed.utf8)) else { throw .malformed(param.name + "=" + body) }
            return try items.map { item throws(SweepError) -> ParamValue in
                if case .string(let text) = item { return try coerce(text, param) }
                return .json(item)
            }
        }
        if (param.kind == .int || param.kind == .float), let range = try self.range(trimmed, param) { return range }
        return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map { part throws(SweepError) -> ParamValue in
            try coerce(String(part), param)
        }
    }

    /// `a..b` or `a..b:step`, both ends included; `nil` when the text is no range.
    private static func range(_ text: String, _ param: ParamSpec) throws(SweepError) -> [ParamValue]? {
        guard let dots = text.range(of: "..") else { return nil }
        let lower = String(text[..<dots.lowerBound])
        var rest = String(text[dots.upperBound...])
        var stepText = "1"
        if let colon = rest.firstIndex(of: ":") {
            stepText = String(rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
        }
        guard let from = Double(lower.trimmingWhitespace()), let to = Double(rest.trimmingWhitespace()),
              let step = Double(stepText.trimmingWhitespace()), step > 0, from.isFinite, to.isFinite, from <= to
        else { throw .badRange(param.name + "=" + text) }
        let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
        guard count <= maxValues else { throw .tooManyValues(param.name, count) }
        if param.kind == .int {
            guard from == from.rounded(), step == step.rounded() else { throw .badRange(param.name + "=" + text) }
            return (0..<count).map { .int(Int(from) + $0 * Int(step)) }
        }
        // Computed from the start each time, so 4..8:0.1 does not drift; printed as short as it reads back.
        return (0..<count).map { .double(((from + Double($0) * step) * 1e9).rounded() / 1e9) }
    }

    private static func coerce(_ text: String, _ param: ParamSpec) throws(SweepError) -> ParamValue {
        do {
            return try ParamValue.coerce(text, to: param.kind, param: param.name)
        } catch {
            throw .invalidValue(error)
        }
    }
}
