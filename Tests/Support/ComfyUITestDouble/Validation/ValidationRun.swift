/// One `validate_prompt` call's state: the prompt being converted in place and the per-node results.
struct ValidationRun {
    struct NodeResult {
        var valid: Bool
        var errors: [JSONValue]
    }

    let validator: PromptValidator
    var prompt: JSONObject
    /// `validated`, in insertion order (it decides `node_errors` order).
    private(set) var validated: [(id: String, result: NodeResult)] = []

    init(validator: PromptValidator, prompt: JSONObject) {
        self.validator = validator
        self.prompt = prompt
    }

    private func result(for id: String) -> NodeResult? { validated.first { $0.id == id }?.result }

    private mutating func record(_ id: String, _ result: NodeResult) {
        if let index = validated.firstIndex(where: { $0.id == id }) { validated[index].result = result } else { validated.append((id, result)) }
    }

    /// Validates one output node; an exception becomes `exception_during_validation` on it.
    mutating func validateOutput(_ id: String) -> (Bool, [JSONValue]) {
        do {
            let result = try validateInputs(id)
            return (result.valid, result.errors)
        } catch {
            let reasons: [JSONValue] = [
                ValidationResult.errorObject("exception_during_validation", "Exception when validating node", details: error.message,
                                             extraInfo: ["exception_type": .string(error.exceptionType), "traceback": []]),
            ]
            record(id, NodeResult(valid: false, errors: reasons))
            return (false, reasons)
        }
    }

    private mutating func validateInputs(_ id: String) throws(ValidationException) -> NodeResult {
        if let done = result(for: id) { return done }
        guard let node = prompt[id]?.objectValue, let classType = node["class_type"]?.stringValue,
              let info = validator.catalog[classType]
        else { throw ValidationException(message: PythonRepr.repr(.string(id)), exceptionType: "KeyError") }
        guard var inputs = node["inputs"]?.objectValue else {
            throw ValidationException(message: "'inputs'", exceptionType: "KeyError")
        }
        let fileInput = PromptValidator.fileInputs[classType]
        var errors: [JSONValue] = []
        var valid = true
        for spec in info.inputs {
            guard let value = inputs[spec.name] else {
                if spec.category == .required {
                    errors.append(error("required_input_missing", "Required input is missing", spec.name, ["input_name": .string(spec.name)]))
                }
                continue
            }
            if case .array(let link) = value {
                switch try checkLink(link, of: spec) {
                case .ok: break
                case .upstreamInvalid: valid = false
                case .error(let reported): errors.append(reported)
                }
                continue
            }
            var widget = value
            if let wrapped = widget.objectValue?["__value__"] { widget = wrapped }
            if case .named(let typeName) = spec.kind {
                do {
                    widget = try WidgetConversion.convert(widget, to: typeName)
                } catch {
                    errors.append(self.error("invalid_input_type", "Failed to convert an input value to a \(typeName) value",
                                             "\(spec.name), \(PythonRepr.str(widget)), \(error.message)",
                                             ["input_name": .string(spec.name), "input_config": spec.inputConfig,
                                              "received_value": widget, "exception_message": .string(error.message)]))
                    continue
                }
            }
            inputs[spec.name] = widget
            if fileInput?.input != spec.name, let rangeOrChoice = checkRangeAndChoices(widget, spec) { errors.append(rangeOrChoice) }
        }
        if let fileInput, let name = inputs[fileInput.input], !name.isArray, !validator.fileExists(PythonRepr.str(name)) {
            errors.append(error("custom_validation_failed", "Custom validation failed for node",
                                "\(fileInput.input) - Invalid \(fileInput.noun) file: \(PythonRepr.str(name))", ["input_name": .string(fileInput.input)]))
        }
        if let forced = validator.forcedErrors.value(forNode: id, classType: classType) {
            errors.append(error(forced.type, forced.message, forced.details, forced.inputName.map { ["input_name": .string($0)] } ?? [:]))
        }
        var updated = node
        updated["inputs"] = .object(inputs)
        prompt[id] = .object(updated)
        let result = NodeResult(valid: valid && errors.isEmpty, errors: errors)
        record(id, result)
        return result
    }

    private enum LinkCheck {
        case ok, upstreamInvalid
        case error(JSONValue)
    }

    private mutating func checkLink(_ link: [JSONValue], of spec: InputSpec) throws(ValidationException) -> LinkCheck {
        guard link.count == 2 else {
            return .error(error("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", spec.name,
                                ["input_name": .string(spec.name), "input_config": spec.inputConfig, "received_value": .array(link)]))
        }
        guard let upstreamID = link[0].stringValue, let upstreamClass = prompt[upstreamID]?["class_type"]?.stringValue,
              let upstream = validator.catalog[upstreamClass]
        else { throw ValidationException(message: PythonRepr.repr(link[0]), exceptionType: "KeyError") }
        guard case .integer(var slot) = link[1] else {
            throw ValidationException(message: "tuple indices must be integers or slices, not \(WidgetConversion.pythonTypeName(link[1]))", exceptionType: "TypeError")
        }
        if slot < 0 { slot += upstream.outputTypes.count }
        guard upstream.outputTypes.indices.contains(slot) else {
            throw ValidationException(message: "tuple index out of range", exceptionType: "IndexError")
        }
        let receivedType = upstream.outputTypes[slot]
        guard PromptValidator.typesMatch(received: receivedType, input: spec.kind) else {
            return .error(error("return_type_mismatch", "Return type mismatch between linked nodes",
                                "\(spec.name), received_type(\(receivedType)) mismatch input_type(\(spec.typeDescription))",
                                ["input_name": .string(spec.name), "input_config": spec.inputConfig,
                                 "received_type": .string(receivedType), "linked_node": .array(link)]))
        }
        do {
            return try validateInputs(upstreamID).valid ? .ok : .upstreamInvalid
        } catch {
            record(upstreamID, NodeResult(valid: false, errors: [
                self.error("exception_during_inner_validation", "Exception when validating inner node", error.message,
                           ["input_name": .string(spec.name), "input_config": spec.inputConfig, "exception_message": .string(error.message),
                            "exception_type": .string(error.exceptionType), "traceback": [], "linked_node": .array(link)]),
            ]))
            return .upstreamInvalid
        }
    }

    private func checkRangeAndChoices(_ value: JSONValue, _ spec: InputSpec) -> JSONValue? {
        let extra: JSONObject = ["input_name": .string(spec.name), "input_config": spec.inputConfig, "received_value": value]
        if let number = value.numericValue, !value.isBool {
            if let min = spec.options["min"], let bound = min.numericValue, number < bound {
                return error("value_smaller_than_min", "Value \(PythonRepr.str(value)) smaller than min of \(PythonRepr.str(min))", spec.name, extra)
            }
            if let max = spec.options["max"], let bound = max.numericValue, number > bound {
                return error("value_bigger_than_max", "Value \(PythonRepr.str(value)) bigger than max of \(PythonRepr.str(max))", spec.name, extra)
            }
        }
        guard let choices = spec.comboOptions, !choices.contains(where: { $0.pythonEquals(value) }) else { return nil }
        let listInfo = choices.count > 20 ? "(list of length \(choices.count))" : PythonRepr.repr(.array(choices))
        var listExtra = extra
        listExtra["input_config"] = choices.count > 20 ? .null : spec.inputConfig
        listExtra["received_value"] = value
        return error("value_not_in_list", "Value not in list", "\(spec.name): '\(PythonRepr.str(value))' not in \(listInfo)", listExtra)
    }

    private func error(_ type: String, _ message: String, _ details: String, _ extraInfo: JSONObject) -> JSONValue {
        ValidationResult.errorObject(type, message, details: details, extraInfo: extraInfo)
    }
}

private extension JSONValue {
    var isArray: Bool { arrayValue != nil }
    var isBool: Bool { if case .bool = self { return true } else { return false } }
}
