extension WorkflowSpec {
    /// The spec as JSON for scripts (`comfykit inspect --json`).
    public var json: JSONValue {
        .object([
            "workflow": .string(name),
            "params": .array(params.map { param in
                var object: JSONObject = [
                    "name": .string(param.name),
                    "kind": .string(param.kind.rawValue),
                    "required": .bool(param.isRequired),
                    "default": param.defaultValue ?? .null,
                    "bindings": .array(param.bindings.map { binding in
                        .object([
                            "node": .string(binding.nodeID), "field": .string(binding.field),
                            "class_type": .string(binding.classType), "media": .bool(binding.isMedia),
                        ])
                    }),
                ]
                if let description = param.description { object["description"] = .string(description) }
                return .object(object)
            }),
            "outputs": .array(outputs.map { output in
                .object([
                    "name": .string(output.name), "node": .string(output.nodeID),
                    "class_type": .string(output.classType), "named": .bool(output.isNamed),
                ])
            }),
            "warnings": .array(warnings.map { .string($0.description) }),
        ])
    }
}
