/// What a workflow takes and gives: its params, its outputs and any warnings about its DSL.
///
/// The CLI's `inspect`, its `-p` coercion and the TUI's forms are all built from this.
public struct WorkflowSpec: Hashable, Sendable {
    /// The workflow's display name.
    public let name: String
    /// Params in the order they are first declared in the workflow.
    public let params: [ParamSpec]
    /// Named `$output` nodes and known output nodes, in workflow order.
    public let outputs: [OutputSpec]
    /// DSL that reads but probably does not do what was meant (e.g. colliding output names); empty when all is well.
    public let warnings: [WorkflowWarning]
    /// `$output.name` names by node id; unnamed output nodes are keyed by their id.
    public let outputNames: [String: String]

    /// The param called `name`; `nil` when the workflow declares none.
    public func param(named name: String) -> ParamSpec? { params.first { $0.name == name } }

    /// Reads the DSL of every node title.
    public init(_ workflow: Workflow) throws(WorkflowSpecError) {
        var builder = SpecBuilder()
        for node in workflow.nodes {
            builder.add(node)
        }
        if !builder.problems.isEmpty {
            throw WorkflowSpecError(workflow: workflow.name, problems: builder.problems)
        }
        name = workflow.name
        params = builder.params()
        outputs = builder.outputs
        warnings = builder.warnings + builder.outputCollisionWarnings()
        outputNames = Dictionary(builder.outputs.filter(\.isNamed).map { ($0.nodeID, $0.name) }, uniquingKeysWith: { $1 })
    }

    /// Output node classes of ComfyUI core and common packs, listed as outputs keyed by node id
    /// when they carry no `$output.name`.
    public static let outputNodeClasses: Set<String> = [
        "SaveImage", "PreviewImage", "MaskPreview", "SaveAnimatedWEBP", "SaveAnimatedPNG", "SaveSVGNode",
        "SaveAudio", "SaveAudioMP3", "SaveAudioOpus", "PreviewAudio", "SaveWEBM", "SaveVideo", "SaveGLB",
        "Preview3D", "Preview3DAnimation", "PreviewAny", "SaveImageWebsocket",
        "VHS_VideoCombine", "VHS_SaveVideo", "VHS_SaveAudio",
    ]
}

/// Accumulates declarations node by node; the last declaration of a name wins.
private struct SpecBuilder {
    struct Declaration {
        let marker: ParamMarker
        let binding: Binding
        let kind: ParamKind
        let defaultValue: JSONValue?
    }

    var order: [String] = []
    var declarations: [String: [Declaration]] = [:]
    var outputs: [OutputSpec] = []
    var warnings: [WorkflowWarning] = []
    var problems: [WorkflowSpecError.Problem] = []

    mutating func add(_ node: WorkflowNode) {
        guard node.hasMeta else {
            if WorkflowSpec.outputNodeClasses.contains(node.classType) { addUnnamedOutput(node) }
            return
        }
        switch Title(node.title, classType: node.classType) {
        case .output(let name):
            if name.contains(",") || name.contains("$") {
                warnings.append(.init(nodeID: node.id, message: "the output name is \"\(name)\": everything after `$output.` is the name, commas and `$` included"))
            }
            outputs.append(OutputSpec(name: name, nodeID: node.id, classType: node.classType, isNamed: true))
        case .saveNode(let ignored):
            if !ignored.isEmpty {
                warnings.append(.init(nodeID: node.id, message: "markers on a \(node.classType) node are ignored: \(ignored.joined(separator: ", ")); name its output with `$output.name`"))
            }
            addUnnamedOutput(node)
        case .params(let markers, let stray):
            for text in stray {
                warnings.append(.init(nodeID: node.id, message: "\"\(text)\" is not a marker: a marker must start a comma-separated part (write \"Text, $name\")"))
            }
            for marker in markers { declare(marker, on: node) }
            if WorkflowSpec.outputNodeClasses.contains(node.classType) { addUnnamedOutput(node) }
        }
    }

    mutating func addUnnamedOutput(_ node: WorkflowNode) {
        outputs.append(OutputSpec(name: node.id, nodeID: node.id, classType: node.classType, isNamed: false))
    }

    mutating func declare(_ marker: ParamMarker, on node: WorkflowNode) {
        let current = node.inputs[marker.field]
        let isMedia = marker.isUpload || Binding.mediaInputs[node.classType] == marker.field
        let binding = Binding(nodeID: node.id, field: marker.field, classType: node.classType, isMedia: isMedia, currentValue: current)
        // Links and lists are not defaults, and neither is null.
        let literal: JSONValue? = switch current {
        case nil, .null?, .array?: nil
        case let value?: value
        }
        if !marker.isRequired, literal == nil {
            let reason = switch current {
            case nil: "does not exist on this \(node.classType) node"
            case .null?: "is null"
            case let value? where WorkflowNode.isLink(value): "is a link to node \(value.arrayValue![0].displayText)"
            default: "is a list"
            }
            problems.append(.init(paramName: marker.name, nodeID: node.id, field: marker.field, reason: reason))
        }
        if marker.name.isEmpty {
            warnings.append(.init(nodeID: node.id, message: "the marker \"\(marker.text)\" has an empty param name"))
        }
        if current == nil, marker.isRequired {
            warnings.append(.init(nodeID: node.id, message: "`\(marker.field)` is not an input of this \(node.classType) node; `\(marker.text)` adds it"))
        }
        let kind: ParamKind = isMedia ? .media : .inferred(from: literal)
        if declarations[marker.name] == nil { order.append(marker.name) }
        declarations[marker.name, default: []].append(Declaration(marker: marker, binding: binding, kind: kind, defaultValue: literal))
    }

    func params() -> [ParamSpec] {
        order.map { name in
            let decls = declarations[name]!
            let last = decls.last!
            let kind: ParamKind = decls.contains { $0.kind == .media } ? .media : last.kind
            return ParamSpec(
                name: name,
                kind: kind,
                isRequired: last.marker.isRequired,
                defaultValue: last.marker.isRequired ? nil : last.defaultValue,
                bindings: decls.map(\.binding),
                description: decls.compactMap(\.marker.description).first
            )
        }
    }

    /// Warnings for declarations that disagree (only the last counts) and for colliding output names.
    func outputCollisionWarnings() -> [WorkflowWarning] {
        var result: [WorkflowWarning] = []
        for name in order {
            let decls = declarations[name]!
            guard decls.count > 1, let last = decls.last else { continue }
            let nodes = decls.map(\.binding.nodeID).joined(separator: ", ")
            let requiredDiffers = Set(decls.map(\.marker.isRequired)).count > 1
            let defaultsDiffer = Set(decls.map { $0.defaultValue }).count > 1 && !last.marker.isRequired
            let kindsDiffer = Set(decls.map(\.kind)).count > 1
            if requiredDiffers || defaultsDiffer || kindsDiffer {
                var what: [String] = []
                if requiredDiffers { what.append("required in some, optional in others") }
                if defaultsDiffer { what.append("defaults " + decls.map { $0.defaultValue?.displayText ?? "none" }.joined(separator: " / ")) }
                if kindsDiffer { what.append("kinds " + decls.map(\.kind.rawValue).joined(separator: " / ")) }
                result.append(.init(nodeID: nil, message: "param `\(name)` is declared on nodes \(nodes) with \(what.joined(separator: "; ")); the last declaration (node \(last.binding.nodeID)) decides for all of them"))
            }
        }
        var seen: [String: String] = [:]
        for output in outputs {
            if let first = seen[output.name] {
                result.append(.init(nodeID: output.nodeID, message: "output `\(output.name)` is also produced by node \(first); the files of both are listed under `\(output.name)`"))
            } else {
                seen[output.name] = output.nodeID
            }
        }
        return result
    }
}
