extension SweepPlan {
    /// Checks each point's varied values against what the servers' `/object_info` says the params' inputs
    /// accept: a value is refused when no server takes it (a number outside every server's range, a choice
    /// none of them offers). A server that lacks a choice another one has is the router's business, not this.
    /// Inputs a server does not describe are not checked.
    public func check(_ points: [Point], against catalogs: [ObjectInfo]) throws(SweepError) {
        guard !catalogs.isEmpty else { return }
        var checked: Set<String> = []
        for point in points {
            for (name, value) in point.varied {
                guard let param = spec.param(named: name) else { continue }
                let key = name + "\u{0}" + JSONWriter.string(value.jsonValue)
                guard checked.insert(key).inserted else { continue }
                let inputs = catalogs.compactMap { $0.input(for: param) }
                guard let first = inputs.first else { continue }
                if !inputs.contains(where: { Self.accepts($0, value) }) {
                    throw .refusedByServers(param: name, value: JSONWriter.string(value.jsonValue), expected: Self.expected(first))
                }
            }
        }
    }

    private static func accepts(_ input: InputInfo, _ value: ParamValue) -> Bool {
        switch value {
        case .int(let number): return within(input, Double(number))
        case .double(let number): return within(input, number)
        case .string(let text): return input.choices.map { $0.contains(text) } ?? true
        default: return true
        }
    }

    private static func within(_ input: InputInfo, _ number: Double) -> Bool {
        if let min = input.min, number < min { return false }
        if let max = input.max, number > max { return false }
        return true
    }

    private static func expected(_ input: InputInfo) -> String {
        if let choices = input.choices { return "one of " + choices.prefix(12).joined(separator: ", ") + (choices.count > 12 ? ", …" : "") }
        return "a value from \(input.minimum.map { JSONWriter.string(.number($0)) } ?? "-∞") to \(input.maximum.map { JSONWriter.string(.number($0)) } ?? "∞")"
    }
}
