/// A graph in the ComfyUI editor's own format (`nodes`, `links`, `widgets_values`), as "Save" writes it:
/// the top level, or one subgraph definition.
struct EditorGraph: Sendable {
    struct Node: Sendable {
        let id: Int
        let type: String
        let title: String?
        let mode: Mode
        let inputs: [Input]
        let outputs: [Output]
        /// A list in widget order; some nodes write an object keyed by widget name instead.
        let widgetValues: JSONValue?
        /// The custom-node pack the editor says the node came from (`properties.cnr_id`, else `aux_id`), if not core.
        var pack: String? = nil
    }

    struct Input: Sendable {
        let name: String
        let type: String
        let link: Int?
    }

    struct Output: Sendable {
        let type: String
    }

    /// One link: from an output slot of one node to an input slot of another.
    struct Link: Sendable {
        let originID: Int
        let originSlot: Int
    }

    /// What the editor does with a node.
    enum Mode: Int, Sendable {
        case always = 0
        case onEvent = 1
        /// Muted: left out of the prompt, and so is every input fed by it.
        case never = 2
        case onTrigger = 3
        /// Bypassed: left out, each of its outputs fed by its input of the same type.
        case bypass = 4
    }

    /// A subgraph's definition: its inner graph and the slots its instances show.
    struct Subgraph: Sendable {
        let graph: EditorGraph
        let inputs: [SubgraphInput]
        /// For each output slot, the inner link that feeds it.
        let outputLinks: [Int?]
    }

    struct SubgraphInput: Sendable {
        let name: String
        let type: String
    }

    /// The node id of the inner node that stands for a subgraph's inputs.
    static let subgraphInputNode = -10

    let nodes: [Node]
    let links: [Int: Link]
    let nodesByID: [Int: Node]

    init(nodes: [Node], links: [Int: Link]) {
        self.nodes = nodes
        self.links = links
        nodesByID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension EditorGraph {
    /// Reads `nodes` and `links` of an editor document or subgraph definition.
    init(_ object: JSONObject, source: String) throws(EditorConversionError) {
        guard let nodeList = object["nodes"]?.arrayValue else { throw .malformed(source: source, what: "no \"nodes\" list") }
        var nodes: [Node] = []
        for item in nodeList {
            guard let id = item["id"]?.intValue, let type = item["type"]?.stringValue else {
                throw .malformed(source: source, what: "a node without an integer \"id\" and a \"type\"")
            }
            let inputs = (item["inputs"]?.arrayValue ?? []).map { input in
                Input(name: input["name"]?.stringValue ?? "", type: input["type"]?.stringValue ?? "", link: input["link"]?.intValue)
            }
            let outputs = (item["outputs"]?.arrayValue ?? []).map { Output(type: $0["type"]?.stringValue ?? "") }
            let mode = item["mode"]?.intValue.flatMap(Mode.init(rawValue:)) ?? .always
            let properties = item["properties"]
            let pack = [properties?["cnr_id"]?.stringValue, properties?["aux_id"]?.stringValue]
                .compactMap { $0 }.first { !$0.isEmpty && $0 != "comfy-core" }
            nodes.append(Node(id: id, type: type, title: item["title"]?.stringValue, mode: mode, inputs: inputs, outputs: outputs,
                              widgetValues: item["widgets_values"], pack: pack))
        }
        var links: [Int: Link] = [:]
        for item in object["links"]?.arrayValue ?? [] {
            // The top level writes links as arrays [id, origin, slot, target, slot, type]; subgraphs as objects.
            if let fields = item.arrayValue, fields.count >= 3, let id = fields[0].intValue, let origin = fields[1].intValue, let slot = fields[2].intValue {
                links[id] = Link(originID: origin, originSlot: slot)
            } else if let id = item["id"]?.intValue, let origin = item["origin_id"]?.intValue, let slot = item["origin_slot"]?.intValue {
                links[id] = Link(originID: origin, originSlot: slot)
            } else {
                throw .malformed(source: source, what: "a link that is neither [id, origin, slot, …] nor {\"id\", \"origin_id\", \"origin_slot\"}")
            }
        }
        self.init(nodes: nodes, links: links)
    }
}

extension EditorGraph.Subgraph {
    init(_ object: JSONObject, source: String) throws(EditorConversionError) {
        graph = try EditorGraph(object, source: source)
        inputs = (object["inputs"]?.arrayValue ?? []).map {
            EditorGraph.SubgraphInput(name: $0["name"]?.stringValue ?? "", type: $0["type"]?.stringValue ?? "")
        }
        outputLinks = (object["outputs"]?.arrayValue ?? []).map { $0["linkIds"]?.arrayValue?.first?.intValue }
    }
}
