/// What a workflow file holds: a runnable API-format graph, a graph in the ComfyUI editor's own format,
/// or a stub pointing at a RunningHub workflow.
public enum WorkflowDocument: Hashable, Sendable {
    /// An API-format graph, ready to run.
    case workflow(Workflow)
    /// What the editor's "Save" writes (`nodes`, `links`, `widgets_values`): runnable once converted with
    /// a server's `/object_info` (``EditorWorkflow/workflow(catalog:)``).
    case editor(EditorWorkflow)
    /// `{"_source": "runninghub", "workflow_id": "1987"}`: run that cloud workflow.
    case runningHub(RunningHubWorkflowID, name: String)

    /// The API-format graph; a RunningHub stub has none here (`ComfyKit.load(_:)` fetches it from RunningHub).
    public func localWorkflow() throws(WorkflowError) -> Workflow {
        switch self {
        case .workflow(let workflow): workflow
        case .editor(let editor): throw .needsObjectInfo(source: editor.source, reason: nil)
        case .runningHub(let id, _): throw .needsRunningHub(id)
        }
    }

    /// Parses a workflow document from JSON bytes; `source` names it in errors (a path or URL).
    public static func parse(_ bytes: some Collection<UInt8>, source: String, name: String) throws(WorkflowError) -> WorkflowDocument {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw .invalidJSON(source: source, error)
        }
        return try from(json, source: source, name: name)
    }

    /// Interprets an in-memory JSON value as a workflow document.
    public static func from(_ json: JSONValue, source: String, name: String) throws(WorkflowError) -> WorkflowDocument {
        guard case .object(let top) = json else { throw .notAnObject(source: source, found: "a JSON \(json.typeName)") }
        if let marker = top["_source"] {
            guard marker == .string("runninghub") else {
                throw .unsupportedSource(source: source, value: marker.displayText)
            }
            return .runningHub(try runningHubID(in: top, source: source), name: name)
        }
        if EditorConverter.isEditorFormat(top) {
            return .editor(EditorWorkflow(document: top, source: source, name: name))
        }
        if top.isEmpty { throw .noNodes(source: source) }
        var nodes: [WorkflowNode] = []
        nodes.reserveCapacity(top.count)
        for (id, value) in top {
            nodes.append(try node(id: id, value: value, source: source))
        }
        return .workflow(Workflow(name: name, nodes: nodes))
    }

    private static func runningHubID(in top: JSONObject, source: String) throws(WorkflowError) -> RunningHubWorkflowID {
        let raw: String
        switch top["workflow_id"] ?? top["workflowId"] {
        case .string(let s)?: raw = s
        case .number(let n)? where n.isInteger: raw = n.literal
        case nil: throw .invalidRunningHubStub(source: source, problem: "\"workflow_id\" is missing")
        case let other?: throw .invalidRunningHubStub(source: source, problem: "\"workflow_id\" must be a string of digits, found \(other.typeName)")
        }
        guard let id = RunningHubWorkflowID(raw) else {
            throw .invalidRunningHubStub(source: source, problem: "\"workflow_id\" \"\(raw)\" is not a RunningHub workflow id (ASCII digits only)")
        }
        return id
    }

    private static func node(id: String, value: JSONValue, source: String) throws(WorkflowError) -> WorkflowNode {
        guard case .object(let object) = value else {
            throw .invalidNode(source: source, nodeID: id, problem: "expected an object with \"class_type\" and \"inputs\", found a JSON \(value.typeName)")
        }
        guard let classValue = object["class_type"] else {
            throw .invalidNode(source: source, nodeID: id, problem: "\"class_type\" is missing")
        }
        guard case .string(let classType) = classValue, !classType.isEmpty else {
            throw .invalidNode(source: source, nodeID: id, problem: "\"class_type\" must be a non-empty string, found \(classValue.displayText)")
        }
        var inputs = JSONObject()
        switch object["inputs"] {
        case nil: break
        case .object(let o)?: inputs = o
        case let other?: throw .invalidNode(source: source, nodeID: id, problem: "\"inputs\" must be an object, found a JSON \(other.typeName)")
        }
        var title = ""
        var hasMeta = false
        switch object["_meta"] {
        case nil: break
        case .object(let meta)?:
            hasMeta = true
            switch meta["title"] {
            case nil, .null?: break  // the Python ComfyKit crashed on a null title; it reads as empty
            case .string(let s)?: title = s
            case let other?: throw .invalidNode(source: source, nodeID: id, problem: "\"_meta.title\" must be a string, found a JSON \(other.typeName)")
            }
        case let other?:
            throw .invalidNode(source: source, nodeID: id, problem: "\"_meta\" must be an object, found a JSON \(other.typeName)")
        }
        return WorkflowNode(id: id, classType: classType, inputs: inputs, title: title, hasMeta: hasMeta, raw: object)
    }
}
