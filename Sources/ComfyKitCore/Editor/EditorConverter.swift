/// Turns an editor-format workflow into the API prompt the ComfyUI frontend sends for it (`graphToPrompt`).
///
/// Widget values are named through the server's `/object_info` (``WidgetCatalog``); links are followed
/// through Reroute nodes, bypassed nodes (an output is fed by the node's input of the same type) and
/// subgraphs (expanded under ids `outer:inner`); PrimitiveNode values are written into their targets;
/// notes, muted and bypassed nodes are left out, and so is any input that would point at them. A node's
/// title becomes `_meta.title`, so the title DSL reads editor files as it reads API files.
public struct EditorConverter: Sendable {
    /// What each node class's `widgets_values` mean, from the server that will run the prompt.
    public let catalog: WidgetCatalog

    /// Node types the editor draws but never sends.
    static let virtualTypes: Set<String> = ["Reroute", "PrimitiveNode", "Note", "MarkdownNote"]

    /// A converter that names widget values through `catalog`.
    public init(catalog: WidgetCatalog) {
        self.catalog = catalog
    }

    /// Whether a JSON document is in the editor's format rather than the API format.
    public static func isEditorFormat(_ document: JSONObject) -> Bool {
        document["nodes"]?.arrayValue != nil && document["links"] != nil
    }

    /// The API prompt (`{"3": {"inputs": …, "class_type": …, "_meta": {"title": …}}}`) for an editor document.
    public func prompt(for document: JSONObject, source: String) throws(EditorConversionError) -> JSONObject {
        var subgraphs: [String: EditorGraph.Subgraph] = [:]
        for definition in document["definitions"]?["subgraphs"]?.arrayValue ?? [] {
            guard let id = definition["id"]?.stringValue, let object = definition.objectValue else { continue }
            subgraphs[id] = try EditorGraph.Subgraph(object, source: source)
        }
        var run = Conversion(catalog: catalog, subgraphs: subgraphs, source: source)
        try run.emit(Scope(graph: try EditorGraph(document, source: source), prefix: "", instance: nil, chain: []))
        return run.finished()
    }
}

/// Where a graph sits: the top level, or a subgraph instance inside an outer scope.
private final class Scope: Sendable {
    let graph: EditorGraph
    /// `""` at the top level, `"57:"` inside instance 57, `"57:12:"` deeper.
    let prefix: String
    let instance: Instance?
    /// The subgraph ids entered to get here, to refuse a subgraph that contains itself.
    let chain: [String]

    struct Instance: Sendable {
        let node: EditorGraph.Node
        let subgraph: EditorGraph.Subgraph
        let outer: Scope
    }

    init(graph: EditorGraph, prefix: String, instance: Instance?, chain: [String]) {
        self.graph = graph
        self.prefix = prefix
        self.instance = instance
        self.chain = chain
    }
}

/// What feeds an input once every virtual, bypassed and subgraph hop is followed.
private enum Source {
    case link(node: String, slot: Int)
    case value(JSONValue)
    case nothing
}

private struct Conversion {
    let catalog: WidgetCatalog
    let subgraphs: [String: EditorGraph.Subgraph]
    let source: String
    var prompt = JSONObject()

    mutating func emit(_ scope: Scope) throws(EditorConversionError) {
        for node in scope.graph.nodes {
            if EditorConverter.virtualTypes.contains(node.type) || node.mode == .never || node.mode == .bypass { continue }
            if let subgraph = subgraphs[node.type] {
                try emit(try enter(subgraph, id: node.type, instance: node, from: scope))
                continue
            }
            let id = scope.prefix + String(node.id)
            guard let nodeClass = catalog.classes[node.type] else {
                throw .unknownNodeClass(source: source, nodeID: id, title: node.title, classType: node.type, pack: node.pack)
            }
            var inputs = widgetInputs(node, nodeClass)
            for input in node.inputs {
                guard let linkID = input.link else { continue }
                guard let link = scope.graph.links[linkID] else {
                    throw .unknownLink(source: source, nodeID: id, input: input.name, link: linkID)
                }
                switch try resolve(link.originID, link.originSlot, in: scope, for: (id, input.name)) {
                case .link(let origin, let slot): inputs[input.name] = .array([.string(origin), .int(slot)])
                case .value(let value): inputs[input.name] = value
                case .nothing: break
                }
            }
            prompt[id] = .object([
                "inputs": .object(inputs), "class_type": .string(node.type),
                "_meta": .object(["title": .string(node.title ?? FrontendNodeNames.title(classType: node.type, serverName: nodeClass.displayName))]),
            ])
        }
    }

    /// The sent widgets' values: from the node's list in widget order, else the defaults.
    private func widgetInputs(_ node: EditorGraph.Node, _ nodeClass: WidgetCatalog.NodeClass) -> JSONObject {
        var inputs = JSONObject()
        let list = node.widgetValues?.arrayValue
        let byName = node.widgetValues?.objectValue
        for (index, widget) in nodeClass.widgets.enumerated() where widget.isSent {
            let value: JSONValue?
            if let list {
                value = index < list.count ? list[index] : widget.defaultValue
            } else if let byName {
                value = byName[widget.name] ?? widget.defaultValue
            } else {
                value = widget.defaultValue
            }
            if let value { inputs[widget.name] = value }
        }
        return inputs
    }

    private func enter(_ subgraph: EditorGraph.Subgraph, id: String, instance: EditorGraph.Node, from scope: Scope) throws(EditorConversionError) -> Scope {
        if scope.chain.contains(id) { throw .subgraphCycle(source: source, subgraph: id) }
        return Scope(
            graph: subgraph.graph, prefix: scope.prefix + String(instance.id) + ":",
            instance: Scope.Instance(node: instance, subgraph: subgraph, outer: scope), chain: scope.chain + [id])
    }

    /// Follows an output slot to the node that really produces it, or to the value that stands for it.
    private func resolve(_ originID: Int, _ originSlot: Int, in start: Scope, for consumer: (node: String, input: String)) throws(EditorConversionError) -> Source {
        var scope = start
        var nodeID = originID
        var slot = originSlot
        // Each hop moves along a link of a finite graph; the bound only guards against cycles of Reroutes.
        for _ in 0..<10_000 {
            if nodeID == EditorGraph.subgraphInputNode {
                guard let instance = scope.instance, slot < instance.subgraph.inputs.count else { return .nothing }
                let input = instance.subgraph.inputs[slot]
                if let link = instance.node.inputs.first(where: { $0.name == input.name })?.link.flatMap({ instance.outer.graph.links[$0] }) {
                    (scope, nodeID, slot) = (instance.outer, link.originID, link.originSlot)
                    continue
                }
                // An unlinked widget-typed input shows as a widget on the instance: its value is there.
                let widgets = instance.subgraph.inputs.filter { WidgetCatalog.widgetTypes.contains($0.type) }
                guard let index = widgets.firstIndex(where: { $0.name == input.name }),
                      let values = instance.node.widgetValues?.arrayValue, index < values.count else { return .nothing }
                return .value(values[index])
            }
            guard let node = scope.graph.nodesByID[nodeID] else {
                throw .linkFromMissingNode(source: source, nodeID: consumer.node, input: consumer.input, origin: nodeID)
            }
            if let subgraph = subgraphs[node.type], node.mode != .bypass {
                let inner = try enter(subgraph, id: node.type, instance: node, from: scope)
                guard slot < subgraph.outputLinks.count, let link = subgraph.outputLinks[slot].flatMap({ inner.graph.links[$0] }) else { return .nothing }
                (scope, nodeID, slot) = (inner, link.originID, link.originSlot)
                continue
            }
            switch node.type {
            case "Reroute":
                guard let link = node.inputs.first?.link.flatMap({ scope.graph.links[$0] }) else { return .nothing }
                (nodeID, slot) = (link.originID, link.originSlot)
                continue
            case "PrimitiveNode":
                return node.widgetValues?.arrayValue?.first.map(Source.value) ?? .nothing
            default:
                break
            }
            switch node.mode {
            case .never:
                return .nothing
            case .bypass:
                guard let link = bypassInput(of: node, for: slot).flatMap({ scope.graph.links[$0] }) else { return .nothing }
                (nodeID, slot) = (link.originID, link.originSlot)
            case .always, .onEvent, .onTrigger:
                return .link(node: scope.prefix + String(node.id), slot: slot)
            }
        }
        return .nothing
    }

    /// The link that feeds a bypassed node's output: its input at the same slot when the types match,
    /// else its first linked input of that type.
    private func bypassInput(of node: EditorGraph.Node, for slot: Int) -> Int? {
        guard slot < node.outputs.count else { return nil }
        let type = node.outputs[slot].type
        if slot < node.inputs.count, node.inputs[slot].type == type, let link = node.inputs[slot].link { return link }
        return node.inputs.first { $0.type == type && $0.link != nil }?.link
    }

    /// Drops inputs that point at nodes left out, and orders node ids as the frontend's JavaScript object
    /// does: integer ids ascending, then the others (subgraph ids) as they came.
    func finished() -> JSONObject {
        var cleaned: [(String, JSONValue)] = []
        cleaned.reserveCapacity(prompt.count)
        for (id, node) in prompt {
            guard var object = node.objectValue, var inputs = object["inputs"]?.objectValue else { continue }
            let dangling = inputs.filter { _, value in
                guard let pair = value.arrayValue, pair.count == 2, let target = pair[0].stringValue else { return false }
                return prompt[target] == nil
            }
            // Most nodes point only at nodes that are sent: they are kept as built, not rebuilt.
            guard !dangling.isEmpty else {
                cleaned.append((id, node))
                continue
            }
            for (name, _) in dangling { inputs[name] = nil }
            object["inputs"] = .object(inputs)
            cleaned.append((id, .object(object)))
        }
        let integers = cleaned.filter { UInt64($0.0) != nil }.sorted { UInt64($0.0)! < UInt64($1.0)! }
        let others = cleaned.filter { UInt64($0.0) == nil }
        return JSONObject(integers + others)
    }
}
