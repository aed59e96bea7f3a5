/// How strictly params are bound.
public struct BindOptions: Hashable, Sendable {
    /// Ignore names the workflow does not declare instead of failing; for callers that pass one
    /// set of params to several workflows.
    public var allowUnknownParams: Bool
    /// Apply the `seed: 0` rule after binding.
    public var randomizeSeeds: Bool

    /// Strict binding with seed randomizing, unless told otherwise.
    public init(allowUnknownParams: Bool = false, randomizeSeeds: Bool = true) {
        self.allowUnknownParams = allowUnknownParams
        self.randomizeSeeds = randomizeSeeds
    }
}

/// Media that must be uploaded before the prompt is submitted; its bindings get the stored name.
public struct PendingUpload: Hashable, Sendable {
    /// The param the media was given for.
    public let param: String
    /// The local file or URL to upload.
    public let reference: MediaReference
    /// The media inputs that take the stored name once uploaded.
    public let bindings: [Binding]
}

/// A workflow with params written in, ready to submit once its uploads are done.
public struct BoundWorkflow: Hashable, Sendable {
    /// The graph to submit, with every given value and default written in.
    public private(set) var workflow: Workflow
    /// Local files and URLs to upload, one per param.
    public let uploads: [PendingUpload]
    /// The seed given to each node whose `seed` was 0.
    public let randomizedSeeds: [String: Int]

    /// Writes the server's name for an uploaded file into every binding of its param.
    public mutating func resolve(_ upload: PendingUpload, storedAs name: String) {
        for binding in upload.bindings {
            workflow.setInput(node: binding.nodeID, field: binding.field, to: .string(name))
        }
    }
}

/// Writes param values into a copy of a workflow, fixing the Python ComfyKit's binding bugs that README lists.
public enum ParamBinder {
    /// Writes `values` into a copy of `workflow`, and a random seed into each `seed: 0` unless ``BindOptions/randomizeSeeds`` is off.
    ///
    /// Required params without a value, unknown names (unless ``BindOptions/allowUnknownParams``) and
    /// missing local media files throw ``BindError``; a param without a value gets its default. Media
    /// given as a local path or URL comes back in ``BoundWorkflow/uploads`` rather than written in.
    ///
    /// ```swift
    /// let spec = try WorkflowSpec(workflow)
    /// let bound = try ParamBinder.bind(workflow, spec: spec, values: ["prompt": "a red fox", "steps": 25])
    /// bound.workflow   // the graph to submit, once each of bound.uploads is stored and resolved
    /// ```
    public static func bind(
        _ workflow: Workflow,
        spec: WorkflowSpec,
        values: [String: ParamValue],
        options: BindOptions = BindOptions(),
        fileExists: (String) -> Bool = MediaReference.isRegularFile
    ) throws(BindError) -> BoundWorkflow {
        var generator = SystemRandomNumberGenerator()
        return try bind(workflow, spec: spec, values: values, options: options, fileExists: fileExists, using: &generator)
    }

    /// Writes `values` into a copy of `workflow`, drawing seeds from `generator` (seed it for repeatable tests).
    public static func bind(
        _ workflow: Workflow,
        spec: WorkflowSpec,
        values: [String: ParamValue],
        options: BindOptions = BindOptions(),
        fileExists: (String) -> Bool = MediaReference.isRegularFile,
        using generator: inout some RandomNumberGenerator
    ) throws(BindError) -> BoundWorkflow {
        if !options.allowUnknownParams, !values.isEmpty {
            let declared = Set(spec.params.lazy.map(\.name))
            let unknown = values.keys.filter { !declared.contains($0) }.sorted()
            if !unknown.isEmpty { throw .unknownParams(unknown, valid: spec.params.map(\.name)) }
        }
        let missing = spec.params.filter { $0.isRequired && values[$0.name] == nil }
        if !missing.isEmpty { throw .missingRequired(missing) }

        var result = workflow
        var uploads: [PendingUpload] = []
        for param in spec.params {
            if let given = values[param.name] {
                if let upload = try write(given, of: param, into: &result, fileExists: fileExists) { uploads.append(upload) }
            } else if let fallback = param.defaultValue {
                // Defaults are written as they are, never uploaded: they already name server files.
                // A default is usually the literal already there: leave that node (and its copy) alone.
                for binding in param.bindings where !result.input(node: binding.nodeID, field: binding.field, isIdenticalTo: fallback) {
                    result.setInput(node: binding.nodeID, field: binding.field, to: fallback)
                }
            }
        }
        let seeds = options.randomizeSeeds ? SeedRandomizer.randomize(&result, using: &generator) : [:]
        return BoundWorkflow(workflow: result, uploads: uploads, randomizedSeeds: seeds)
    }

    /// Writes one given value to every binding; media strings that need an upload are returned instead.
    private static func write(_ value: ParamValue, of param: ParamSpec, into workflow: inout Workflow, fileExists: (String) -> Bool) throws(BindError) -> PendingUpload? {
        try check(value, of: param)
        let mediaBindings = param.bindings.filter(\.isMedia)
        var pending: PendingUpload? = nil
        if case .string(let text) = value, !mediaBindings.isEmpty {
            switch try MediaReference.classify(text, param: param.name, fileExists: fileExists) {
            case .serverFile(let name):
                for binding in mediaBindings { workflow.setInput(node: binding.nodeID, field: binding.field, to: .string(name)) }
            case let reference:
                pending = PendingUpload(param: param.name, reference: reference, bindings: mediaBindings)
            }
        } else {
            for binding in mediaBindings { workflow.setInput(node: binding.nodeID, field: binding.field, to: value.jsonValue) }
        }
        for binding in param.bindings where !binding.isMedia {
            workflow.setInput(node: binding.nodeID, field: binding.field, to: value.jsonValue)
        }
        return pending
    }

    /// Refuses here what the server would refuse: text that is no number for a number param, no truth value
    /// for a bool param (`"color": "red"` for an int). Text that reads as one goes as given, as ComfyUI reads it.
    private static func check(_ value: ParamValue, of param: ParamSpec) throws(BindError) {
        guard case .string(let text) = value, param.kind == .int || param.kind == .float || param.kind == .bool else { return }
        do {
            _ = try ParamValue.coerce(text, to: param.kind, param: param.name)
        } catch {
            throw .invalidValue(error)
        }
    }
}
