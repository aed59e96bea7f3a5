/// A node's inputs at execution time: widget values as submitted (after validation's conversion) and
/// the simulated values of its links.
struct NodeInputs: Sendable {
    enum Value: Sendable {
        case widget(JSONValue)
        case linked(SimValue)
    }

    /// In the prompt's input order.
    var values: [(name: String, value: Value)]

    subscript(name: String) -> Value? { values.first { $0.name == name }?.value }

    func widget(_ name: String) -> JSONValue? {
        switch self[name] {
        case .widget(let value): return value
        case .linked(.scalar(let value)): return value
        default: return nil
        }
    }

    func int(_ name: String, default fallback: Int) -> Int { widget(name)?.intValue ?? fallback }
    func double(_ name: String, default fallback: Double) -> Double { widget(name)?.numericValue ?? fallback }
    func string(_ name: String, default fallback: String) -> String { widget(name).map(PythonRepr.str) ?? fallback }

    func linked(_ name: String) -> SimValue? {
        if case .linked(let value) = self[name] { return value }
        return nil
    }

    /// The first linked value the predicate accepts, in input order.
    func firstLinked(where predicate: (SimValue) -> Bool) -> SimValue? {
        for (_, value) in values { if case .linked(let linked) = value, predicate(linked) { return linked } }
        return nil
    }

    var firstImageLike: SimValue? { firstLinked { $0.pixelShape != nil } }

    var firstAudio: SimValue? {
        firstLinked { if case .audio = $0 { return true } else { return false } }
    }

    /// `current_inputs` of an `execution_error`: `{name: [formatted value]}`.
    var formattedForErrors: JSONValue {
        var object = JSONObject()
        for (name, value) in values {
            switch value {
            case .widget(let widget):
                object[name] = .array([widget.isContainer ? .string(PythonRepr.str(widget)) : widget])
            case .linked(let linked):
                object[name] = .array([linked.formattedForErrors])
            }
        }
        return .object(object)
    }
}

private extension JSONValue {
    var isContainer: Bool { arrayValue != nil || objectValue != nil }
}
