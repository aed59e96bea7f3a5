/// What happens during a run, in order. The CLI and the TUI both draw from these.
public enum RunEvent: Hashable, Sendable {
    /// A local file or URL is being uploaded for a media param.
    case uploading(param: String, file: String)
    /// The server accepted the prompt.
    case submitted(promptID: String)
    /// The server accepted the prompt but dropped outputs whose nodes failed validation (HTTP 200 with `node_errors`).
    case outputsDropped(ValidationError)
    /// Waiting in the server's queue; `position` 0 means next.
    case queued(position: Int)
    /// The server started executing the prompt.
    case started
    /// Nodes whose outputs the server reuses from an earlier run.
    case cached(nodes: [String])
    /// A node starts executing; `overall` is the whole run's progress (0…1) as it starts.
    case nodeStarted(NodeInfo, overall: Double)
    /// A step inside a node (`value` of `max`, `max` > 0), and the whole run's progress (0…1). Nodes without
    /// steps send none; a completed run's 100% is its ``finished(_:)``.
    case progress(node: String, value: Double, max: Double, overall: Double)
    /// A preview image from a running node.
    case preview(Preview)
    /// Text a node reports while running.
    case nodeText(node: String, text: String)
    /// An output node's files or text (the server's UI dict for that node).
    case nodeOutput(node: String, output: JSONObject)
    /// The connection to the server's event stream was lost; the run goes on (results come from history).
    case connectionLost
    /// The event stream is back.
    case reconnected
    /// The run ended; always the last event.
    case finished(RunOutcome)
}

/// A node as shown to users: id, class and title.
public struct NodeInfo: Hashable, Sendable {
    /// The node id (`"4"`).
    public let id: String
    /// The node's class type (`KSampler`).
    public let classType: String
    /// The node's title; empty when it has none.
    public let title: String

    /// A node with `id`, class `classType` and `title` (empty when untitled).
    public init(id: String, classType: String, title: String) {
        self.id = id
        self.classType = classType
        self.title = title
    }
}

/// How a run ended: the result, and when it failed, the typed reason.
public struct RunOutcome: Hashable, Sendable {
    /// The run's result; its `status` and `msg` say how it ended.
    public let result: ExecuteResult
    /// Why the run did not complete; `nil` when it completed.
    public let failure: RunFailure?

    /// An outcome; leave `failure` `nil` for a completed run.
    public init(result: ExecuteResult, failure: RunFailure? = nil) {
        self.result = result
        self.failure = failure
    }

    /// The result when the run completed; otherwise its typed reason, thrown.
    public func get() throws(RunFailure) -> ExecuteResult {
        if let failure { throw failure }
        guard result.status == .completed else { throw .unsupported(result.msg ?? "the run ended \(result.status)") }
        return result
    }
}
