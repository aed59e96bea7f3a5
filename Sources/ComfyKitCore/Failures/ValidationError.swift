/// ComfyUI refused a prompt (HTTP 400), or dropped some of its outputs (HTTP 200 with `node_errors`).
///
/// Each input error names node, class and input — and the DSL param bound there, once
/// ``attributing(to:)`` has seen the workflow's spec — so a form can point at the field.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `prompt_outputs_failed_validation`, `invalid_prompt`, `prompt_no_outputs`, …
    public let type: String
    /// The summary, e.g. `Prompt outputs failed validation`.
    public let message: String
    /// More about the error; empty when the server gave nothing more.
    public let details: String
    /// The failing nodes with their input errors; empty when the error is about the whole prompt.
    public private(set) var nodeErrors: [NodeError]

    /// One node that failed validation.
    public struct NodeError: Hashable, Sendable {
        /// The node id.
        public let nodeID: String
        /// The node's class type; empty when the server does not say.
        public let classType: String
        /// What is wrong with the node's inputs.
        public var inputErrors: [InputError]
        /// Output nodes that cannot run because of this node.
        public let dependentOutputs: [String]
    }

    /// One thing wrong with one input of a node.
    public struct InputError: Hashable, Sendable {
        /// `value_smaller_than_min`, `value_not_in_list`, `required_input_missing`, …
        public let type: String
        /// The server's message, e.g. `Value 0 smaller than min of 1`.
        public let message: String
        /// More about it; often just the input's name, or empty.
        public let details: String
        /// The input at fault (`extra_info.input_name`); `nil` when the server does not say.
        public let inputName: String?
        /// The value the server refused (`extra_info.received_value`); `nil` when it does not say.
        public let receivedValue: JSONValue?
        /// The DSL param bound to this node input, if any.
        public var paramName: String?
    }

    /// Reads the `{"error": {…}, "node_errors": {…}}` body ComfyUI answers `POST /prompt` with.
    public init(json body: JSONValue) {
        let error = body["error"]
        type = error?["type"]?.stringValue ?? (error?.stringValue != nil ? "error" : "unknown")
        message = error?["message"]?.stringValue ?? error?.stringValue ?? "Prompt failed validation"
        details = error?["details"]?.stringValue ?? ""
        nodeErrors = (body["node_errors"]?.objectValue ?? [:]).map { nodeID, entry in
            NodeError(
                nodeID: nodeID,
                classType: entry["class_type"]?.stringValue ?? "",
                inputErrors: (entry["errors"]?.arrayValue ?? []).map { item in
                    InputError(
                        type: item["type"]?.stringValue ?? "",
                        message: item["message"]?.stringValue ?? "",
                        details: item["details"]?.stringValue ?? "",
                        inputName: item["extra_info"]?["input_name"]?.stringValue,
                        receivedValue: item["extra_info"]?["received_value"],
                        paramName: nil)
                },
                dependentOutputs: entry["dependent_outputs"]?.arrayValue?.compactMap(\.nodeID) ?? [])
        }
    }

    /// Names the DSL param bound to each failing input.
    public func attributing(to spec: WorkflowSpec) -> ValidationError {
        var copy = self
        for n in copy.nodeErrors.indices {
            for i in copy.nodeErrors[n].inputErrors.indices {
                guard let input = copy.nodeErrors[n].inputErrors[i].inputName else { continue }
                let nodeID = copy.nodeErrors[n].nodeID
                copy.nodeErrors[n].inputErrors[i].paramName = spec.params.first { param in
                    param.bindings.contains { $0.nodeID == nodeID && $0.field == input }
                }?.name
            }
        }
        return copy
    }

    /// Every DSL param with an error, in the order reported.
    public var paramNames: [String] {
        var seen: [String] = []
        for node in nodeErrors {
            for input in node.inputErrors { if let name = input.paramName, !seen.contains(name) { seen.append(name) } }
        }
        return seen
    }

    /// One line per problem after a summary:
    /// `Prompt outputs failed validation: node 1 (EmptyImage) input width (param width): Value 0 smaller than min of 1`.
    public var description: String {
        var parts: [String] = []
        for node in nodeErrors {
            for input in node.inputErrors {
                var text = "node \(node.nodeID) (\(node.classType))"
                if let name = input.inputName { text += " input \(name)" }
                if let param = input.paramName { text += " (param \(param))" }
                text += ": " + input.message
                if !input.details.isEmpty, input.details != input.inputName { text += " — " + input.details }
                parts.append(text)
            }
        }
        var head = message
        if parts.isEmpty, !details.isEmpty { head += " (\(details))" }
        return parts.isEmpty ? head : head + ": " + parts.joined(separator: "; ")
    }
}
