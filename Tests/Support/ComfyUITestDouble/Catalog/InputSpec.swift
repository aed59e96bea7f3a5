/// One declared input of a node class, from object_info's `input.required` / `input.optional`.
struct InputSpec: Sendable {
    enum Category: String, Sendable { case required, optional }

    /// The declared type: a type name (`"INT"`, `"IMAGE"`, `"COMBO"`, `"*"`) or a legacy combo list.
    enum Kind: Sendable {
        case named(String)
        case comboList([JSONValue])
    }

    let name: String
    let category: Category
    let kind: Kind
    /// The options dict (`extra_info` in ComfyUI), `{}` when object_info gives none.
    let options: JSONObject

    /// `input_config` as ComfyUI echoes it in validation errors: `[type, options]`.
    var inputConfig: JSONValue {
        switch kind {
        case .named(let name): return .array([.string(name), .object(options)])
        case .comboList(let items): return .array([.array(items), .object(options)])
        }
    }

    /// The choices when this input is a combo, in either object_info dialect.
    var comboOptions: [JSONValue]? {
        switch kind {
        case .comboList(let items): return items
        case .named("COMBO"): return options["options"]?.arrayValue ?? []
        case .named: return nil
        }
    }

    /// The type name as Python's f-string would print it (`IMAGE`, or the list repr for a legacy combo).
    var typeDescription: String {
        switch kind {
        case .named(let name): return name
        case .comboList(let items): return PythonRepr.repr(.array(items))
        }
    }

    init?(name: String, category: Category, spec: JSONValue) {
        guard let parts = spec.arrayValue, let first = parts.first else { return nil }
        switch first {
        case .string(let typeName): kind = .named(typeName)
        case .array(let items): kind = .comboList(items)
        default: return nil
        }
        self.name = name
        self.category = category
        self.options = parts.count > 1 ? parts[1].objectValue ?? [:] : [:]
    }
}
