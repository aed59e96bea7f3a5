/// What one fuzz input must satisfy. A violated property is a crash (`fatalError`), so libFuzzer keeps
/// the input; thrown errors are fine as long as they are the specific, typed ones.
enum FuzzChecks {
    static func run(_ bytes: [UInt8]) {
        var random = FuzzRandom(seedingFrom: bytes)
        checkJSON(bytes)
        switch try? WorkflowDocument.parse(bytes, source: "fuzz.json", name: "fuzz") {
        case .workflow(let workflow)?: checkSpecAndBinding(workflow, random: &random)
        case .editor(let editor)?: checkEditorConversion(editor, random: &random)
        default: break
        }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        checkTitle(text)
        checkCoercion(text)
        checkSpecAndBinding(oneNodeWorkflow(title: text), random: &random)
    }

    /// Whatever parses writes back to the same value; whatever does not has a position inside the input.
    static func checkJSON(_ bytes: [UInt8]) {
        do {
            let value = try JSONValue(parsing: bytes)
            require((try? JSONValue(parsing: JSONWriter.bytes(value))) == value, "JSON does not round-trip")
        } catch {
            require(error.line >= 1 && error.column >= 1 && error.offset <= bytes.count, "JSON error outside the input: \(error)")
        }
    }

    /// A title becomes an output name or well-formed markers, for plain, loader and save classes.
    static func checkTitle(_ text: String) {
        for classType in ["KSampler", "LoadImage", "SaveImage"] {
            switch Title(text, classType: classType) {
            case .output(let name):
                // Scalars, not Characters: "$" and "." followed by a combining mark still count, as in Python.
                require(text.utf8.starts(with: "$output.".utf8) && !name.isEmpty, "output marker from \(text.debugDescription)")
            case .saveNode(let ignored):
                require(Title.saveNodeClasses.contains(classType), "save node from class \(classType)")
                require(ignored.allSatisfy { $0.unicodeScalars.first == "$" }, "ignored markers \(ignored)")
            case .params(let markers, _):
                for marker in markers {
                    require(marker.text.unicodeScalars.first == "$", "marker text \(marker.text.debugDescription)")
                    require(!marker.name.contains(",") && !marker.field.contains(","), "comma in marker \(marker)")
                }
            }
        }
    }

    /// An editor-format graph converts to an API graph or fails with a typed error, with no catalog and with the
    /// input read as its own `/object_info`; what converts goes on to the spec and the binder.
    static func checkEditorConversion(_ editor: EditorWorkflow, random: inout FuzzRandom) {
        for catalog in [WidgetCatalog([:]), WidgetCatalog(editor.document)] {
            do {
                let workflow = try editor.workflow(catalog: catalog)
                require(!workflow.nodes.isEmpty, "an editor graph converted to no nodes")
                checkSpecAndBinding(workflow, random: &random)
            } catch {
                require(!error.description.isEmpty, "empty conversion error")
            }
        }
    }

    /// Text read as each kind gives a value of that kind or a `ParamValueError`.
    static func checkCoercion(_ text: String) {
        for kind in ParamKind.allCases {
            guard let value = try? ParamValue.coerce(text, to: kind, param: "p") else { continue }
            switch (kind, value) {
            case (.int, .int), (.int, .json(.number)), (.float, .double), (.bool, .bool), (.string, .string), (.media, .string): break
            default: fatalError("\(text.debugDescription) as \(kind) gave \(value)")
            }
        }
    }

    /// A spec or a specific error; then random values bind or fail with a `BindError`, and what binds
    /// is a valid prompt holding every plain value where its param points.
    static func checkSpecAndBinding(_ workflow: Workflow, random: inout FuzzRandom) {
        guard let spec = try? WorkflowSpec(workflow) else { return }
        var values: [String: ParamValue] = [:]
        for param in spec.params where !random.chance(4) {
            values[param.name] = FuzzValues.value(for: param, random: &random)
        }
        if random.chance(8) { values["not_a_param_" + String(random.next() % 100)] = .int(1) }
        let options = BindOptions(allowUnknownParams: random.chance(2), randomizeSeeds: random.chance(2))
        let bound: BoundWorkflow
        do {
            bound = try ParamBinder.bind(workflow, spec: spec, values: values, options: options, fileExists: { $0.hasSuffix(".present") }, using: &random)
        } catch {
            require(!error.description.isEmpty, "empty bind error")
            return
        }
        let prompt = bound.workflow.promptJSON
        require((try? JSONValue(parsing: JSONWriter.bytes(prompt))) == prompt, "bound prompt does not round-trip")
        require(bound.workflow.nodes.map(\.id) == workflow.nodes.map(\.id), "binding changed the nodes")
        for (field, expected) in expectedPlainInputs(spec, values) where !bound.randomizedSeeds.keys.contains(field.node) || field.name != "seed" {
            require(bound.workflow[field.node]?.inputs[field.name] == expected, "\(field.node).\(field.name) is not \(expected)")
        }
        for upload in bound.uploads {
            require(spec.param(named: upload.param)?.isMedia == true || upload.bindings.allSatisfy(\.isMedia), "upload for a plain binding")
        }
    }

    /// The value each non-media binding must hold after binding: the last param written to a field wins.
    private static func expectedPlainInputs(_ spec: WorkflowSpec, _ values: [String: ParamValue]) -> [FieldKey: JSONValue] {
        var expected: [FieldKey: JSONValue] = [:]
        var media: Set<FieldKey> = []
        for param in spec.params {
            guard let value = values[param.name] else {
                for binding in param.bindings { expected.removeValue(forKey: FieldKey(binding)); media.insert(FieldKey(binding)) }
                continue
            }
            for binding in param.bindings {
                if binding.isMedia { media.insert(FieldKey(binding)) } else { expected[FieldKey(binding)] = value.jsonValue }
            }
        }
        return expected.filter { !media.contains($0.key) }
    }

    struct FieldKey: Hashable {
        let node: String
        let name: String
        init(_ binding: Binding) { node = binding.nodeID; name = binding.field }
    }

    /// One loader-like node carrying `title`, with inputs of every kind, so titles reach the spec and binder
    /// even when the input is not JSON.
    static func oneNodeWorkflow(title: String) -> Workflow {
        let inputs: JSONObject = [
            "image": "photo.png", "seed": 0, "width": 512, "text": "a fox", "strength": 0.5, "flag": true,
            "model": ["4", 0], "empty": .null,
        ]
        let node: JSONObject = ["class_type": "LoadImage", "inputs": .object(inputs), "_meta": ["title": .string(title)]]
        guard case .workflow(let workflow)? = try? WorkflowDocument.from(["1": .object(node)], source: "fuzz", name: "fuzz") else {
            fatalError("the fixed one-node workflow did not load")
        }
        return workflow
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError(message()) }
    }
}
