/// What the double knows about one node class: its inputs, output types and whether it is an output node.
struct NodeClassInfo: Sendable {
    let name: String
    /// Required inputs then optional ones, each group in `input_order`.
    let inputs: [InputSpec]
    /// `output`: the type of each output slot.
    let outputTypes: [String]
    let isOutputNode: Bool
    /// The class's object_info entry, served by `GET /object_info/{class}`.
    let info: JSONValue

    init?(name: String, info: JSONValue) {
        guard let object = info.objectValue else { return nil }
        self.name = name
        self.info = info
        let input = object["input"]?.objectValue ?? [:]
        let order = object["input_order"]?.objectValue ?? [:]
        var inputs: [InputSpec] = []
        for category in [InputSpec.Category.required, .optional] {
            let specs = input[category.rawValue]?.objectValue ?? [:]
            let names = order[category.rawValue]?.arrayValue?.compactMap(\.stringValue) ?? specs.keys
            for inputName in names {
                if let spec = specs[inputName], let parsed = InputSpec(name: inputName, category: category, spec: spec) {
                    inputs.append(parsed)
                }
            }
        }
        self.inputs = inputs
        self.outputTypes = object["output"]?.arrayValue?.map { $0.stringValue ?? PythonRepr.repr($0) } ?? []
        if case .bool(true) = object["output_node"] { isOutputNode = true } else { isOutputNode = false }
    }

    func input(named name: String) -> InputSpec? { inputs.first { $0.name == name } }
}
