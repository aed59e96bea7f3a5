import Foundation

/// A port of ComfyUI 0.3.64's `execution.validate_prompt`: same checks, same error shapes, same quirks
/// (an invalid upstream node lists every failed output in `dependent_outputs`, not only its own).
struct PromptValidator {
    let catalog: NodeCatalog
    /// `"input/name.png"`-style keys of the files that exist, for `LoadImage`'s file check.
    let existingFiles: Set<String>
    let forcedErrors: [NodeSelector: ForcedValidationError]
    let outputOrder: [String]

    func validate(_ prompt: JSONObject, partialTargets: [String]?) -> ValidationResult {
        var outputs: [String] = []
        for (id, node) in prompt.entries {
            guard let classValue = node.objectValue?["class_type"] else {
                return .refused("invalid_prompt", "Cannot execute because a node is missing the class_type property.", details: "Node ID '#\(id)'", prompt: prompt)
            }
            guard let classType = classValue.stringValue, let info = catalog[classType] else {
                return .refused("invalid_prompt", "Cannot execute because node \(PythonRepr.str(classValue)) does not exist.", details: "Node ID '#\(id)'", prompt: prompt)
            }
            if info.isOutputNode, partialTargets?.contains(id) ?? true { outputs.append(id) }
        }
        guard !outputs.isEmpty else { return .refused("prompt_no_outputs", "Prompt has no outputs", prompt: prompt) }
        outputs = outputOrder.filter(outputs.contains) + outputs.filter { !outputOrder.contains($0) }

        var run = ValidationRun(validator: self, prompt: prompt)
        var goodOutputs: [String] = []
        var failures: [[JSONValue]] = []
        var nodeErrors = JSONObject()
        for output in outputs {
            let (valid, reasons) = run.validateOutput(output)
            if valid { goodOutputs.append(output); continue }
            failures.append(reasons)
            for (nodeID, result) in run.validated where !result.valid && !result.errors.isEmpty {
                var entry = nodeErrors[nodeID]?.objectValue ?? [
                    "errors": .array(result.errors), "dependent_outputs": [], "class_type": run.prompt[nodeID]?["class_type"] ?? .null,
                ]
                entry["dependent_outputs"] = .array((entry["dependent_outputs"]?.arrayValue ?? []) + [.string(output)])
                nodeErrors[nodeID] = .object(entry)
            }
        }
        guard goodOutputs.isEmpty else {
            return ValidationResult(error: nil, nodeErrors: nodeErrors, outputs: goodOutputs, prompt: run.prompt)
        }
        let details = failures.flatMap { $0 }.map { reason in
            "\(reason["message"]?.stringValue ?? ""): \(reason["details"]?.stringValue ?? "")"
        }.joined(separator: "\n")
        return ValidationResult(
            error: ValidationResult.errorObject("prompt_outputs_failed_validation", "Prompt outputs failed validation", details: details),
            nodeErrors: nodeErrors, outputs: [], prompt: run.prompt
        )
    }

    /// Inputs whose node has a `VALIDATE_INPUTS` that checks the file exists (and so skips the combo check).
    static let fileInputs: [String: (input: String, noun: String)] = [
        "LoadImage": ("image", "image"), "LoadImageMask": ("image", "image"), "LoadImageOutput": ("image", "image"),
        "LoadAudio": ("audio", "audio"), "LoadVideo": ("file", "video"),
    ]

    /// `folder_paths.exists_annotated_filepath`: `name`, `sub/name` or `name [output]`, relative to input/.
    func fileExists(_ name: String) -> Bool {
        var folder = FileFolder.input
        var path = name
        for candidate in FileFolder.allCases where name.hasSuffix(" [\(candidate.rawValue)]") {
            folder = candidate
            path = String(name.dropLast(candidate.rawValue.count + 3))
        }
        guard let normalized = RelativePath.normalize(path) else { return false }
        return existingFiles.contains(folder.rawValue + "/" + normalized)
    }

    /// `validate_node_input`: exact match, `*` on either side, or overlapping comma-separated unions.
    static func typesMatch(received: String, input: InputSpec.Kind) -> Bool {
        guard case .named(let inputType) = input else { return false }
        if received == inputType { return true }
        let receivedTypes = Set(received.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let inputTypes = Set(inputType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if receivedTypes.contains("*") || inputTypes.contains("*") { return true }
        return !receivedTypes.isDisjoint(with: inputTypes)
    }
}
