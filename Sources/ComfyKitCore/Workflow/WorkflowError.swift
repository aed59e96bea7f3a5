/// Why a workflow could not be loaded. Every case names where the problem is, so a user can fix it.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No file at `path`.
    case fileNotFound(path: String)
    /// The file cannot be read: a directory, no permission, or larger than the limit.
    case unreadable(source: String, reason: String)
    /// The text is not JSON; the error gives the line and column.
    case invalidJSON(source: String, JSONSyntaxError)
    /// The JSON is not an object of nodes; `found` names what it is.
    case notAnObject(source: String, found: String)
    /// The workflow has no nodes.
    case noNodes(source: String)
    /// An editor-format workflow where no server's `/object_info` is at hand to name its widget values.
    case needsObjectInfo(source: String, reason: String?)
    /// An editor-format workflow that cannot be converted to the API format.
    case editorConversion(EditorConversionError)
    /// A node is not shaped as `{"class_type", "inputs"}`; `problem` says how.
    case invalidNode(source: String, nodeID: String, problem: String)
    /// A `_source: runninghub` stub without a valid `workflow_id`.
    case invalidRunningHubStub(source: String, problem: String)
    /// A `_source` other than `runninghub`.
    case unsupportedSource(source: String, value: String)
    /// Text given as a RunningHub workflow id that is not ASCII digits.
    case invalidRunningHubID(String)
    /// The workflow's URL could not be fetched (`problem` says why); the URL is shown without credentials.
    case download(url: String, problem: String)
    /// A RunningHub stub where a graph is needed: the graph is on RunningHub (`ComfyKit.load(_:)` fetches it).
    case needsRunningHub(RunningHubWorkflowID)

    /// A message naming the file, URL or node at fault and what was expected.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "Workflow file does not exist: \(path)"
        case .unreadable(let source, let reason):
            "\(source): cannot read the workflow: \(reason)"
        case .invalidJSON(let source, let error):
            "\(source): invalid JSON: \(error.message) (line \(error.line), column \(error.column))"
        case .notAnObject(let source, let found):
            "\(source): expected a JSON object of nodes ({\"1\": {\"class_type\": …, \"inputs\": …}}), found \(found)"
        case .noNodes(let source):
            "\(source): the workflow has no nodes (Workflow data is missing)"
        case .needsObjectInfo(let source, let reason):
            "\(source): an editor-format workflow (\"nodes\" and \"links\"): turning it into the API format needs a "
                + "ComfyUI server's /object_info" + (reason.map { " (\($0))" } ?? "")
                + "; connect to the server once (it is remembered), or convert it with `comfykit convert FILE --object-info FILE`"
        case .editorConversion(let error):
            error.description
        case .invalidNode(let source, let nodeID, let problem):
            "\(source): node \(nodeID): \(problem)"
        case .invalidRunningHubStub(let source, let problem):
            "\(source): RunningHub workflow file: \(problem)"
        case .unsupportedSource(let source, let value):
            "\(source): unsupported \"_source\" \(value) (supported: \"runninghub\")"
        case .invalidRunningHubID(let id):
            "\"\(id)\" is not a RunningHub workflow id (ASCII digits only, e.g. 1987654321)"
        case .download(let url, let problem):
            "cannot download the workflow from \(url): \(problem)"
        case .needsRunningHub(let id):
            "RunningHub workflow \(id): its graph is stored on RunningHub; load it through ComfyKit.load(_:) (with RUNNINGHUB_API_KEY)"
        }
    }
}
