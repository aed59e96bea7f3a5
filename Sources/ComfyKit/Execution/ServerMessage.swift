/// One text frame of ComfyUI's progress protocol, decoded: from a ComfyUI `/ws` or RunningHub's `netWssUrl`,
/// which speaks the same frames. Unknown types are kept, not dropped.
public enum ServerMessage: Hashable, Sendable {
    /// Queue length; `sid` only in the first frame after connecting.
    case status(queueRemaining: Int, sid: String?)
    /// The server began executing the prompt.
    case executionStart(promptID: String)
    /// Nodes whose outputs the server reuses from an earlier run.
    case executionCached(promptID: String, nodes: [String])
    /// A node starts; `node == nil` is the end of the prompt. The reconnect frame has no prompt id.
    case executing(promptID: String?, node: String?)
    /// Step `value` of `max` inside a node (sampler steps); `promptID` and `node` are `nil` when the frame has none.
    case progress(promptID: String?, node: String?, value: Double, max: Double)
    /// Cumulative per-node state (newer servers): node id → (value, max, finished).
    case progressState(promptID: String, nodes: [NodeState])
    /// An output node finished; `output` is its UI dict (`images`, `gifs`, `text`, …).
    case executed(promptID: String, node: String, output: JSONObject)
    /// The prompt ran to its end (newer servers; older ones only send `executing` with no node).
    case executionSuccess(promptID: String)
    /// A node raised; the prompt stops there.
    case executionError(promptID: String, ExecutionFailure)
    /// The prompt was interrupted, at `node` of class `classType` when the server says.
    case executionInterrupted(promptID: String, node: String?, classType: String?)
    /// The server's `feature_flags`, sent once after connecting.
    case featureFlags(JSONObject)
    /// A frame of any other type, kept with its `data`.
    case other(type: String, data: JSONValue)

    /// One node's progress in a `progress_state` frame.
    public struct NodeState: Hashable, Sendable {
        /// The node id.
        public let node: String
        /// Steps done so far (0 when the frame has none).
        public let value: Double
        /// Steps in all (0 when the frame has none).
        public let max: Double
        /// True when the node's state is `finished`.
        public let isFinished: Bool
    }

    /// The prompt the message belongs to, when it says.
    public var promptID: String? {
        switch self {
        case .executionStart(let id), .executionCached(let id, _), .progressState(let id, _), .executed(let id, _, _),
            .executionSuccess(let id), .executionError(let id, _), .executionInterrupted(let id, _, _):
            id
        case .executing(let id, _), .progress(let id, _, _, _):
            id
        case .status, .featureFlags, .other:
            nil
        }
    }

    /// Decodes a text frame; `nil` when it is not a `{"type", "data"}` object.
    public init?(text: String) {
        guard let json = try? JSONValue(parsing: text) else { return nil }
        self.init(json: json)
    }

    /// Decodes a parsed frame; `nil` when it has no string `type`, or a known type lacks the prompt id (or node) it needs.
    public init?(json: JSONValue) {
        guard case .string(let type)? = json["type"] else { return nil }
        let data = json["data"] ?? .null
        let pid = data["prompt_id"]?.stringValue
        switch type {
        case "status":
            self = .status(queueRemaining: data["status"]?["exec_info"]?["queue_remaining"]?.intValue ?? 0, sid: data["sid"]?.stringValue)
        case "execution_start" where pid != nil:
            self = .executionStart(promptID: pid!)
        case "execution_cached" where pid != nil:
            self = .executionCached(promptID: pid!, nodes: data["nodes"]?.arrayValue?.compactMap(\.nodeID) ?? [])
        case "executing":
            self = .executing(promptID: pid, node: data["node"]?.nodeID)
        case "progress":
            self = .progress(promptID: pid, node: data["node"]?.nodeID, value: data["value"]?.doubleValue ?? 0, max: data["max"]?.doubleValue ?? 0)
        case "progress_state" where pid != nil:
            let nodes = (data["nodes"]?.objectValue ?? [:]).map { id, state in
                NodeState(node: id, value: state["value"]?.doubleValue ?? 0, max: state["max"]?.doubleValue ?? 0,
                          isFinished: state["state"]?.stringValue == "finished")
            }
            self = .progressState(promptID: pid!, nodes: nodes)
        case "executed" where pid != nil:
            guard let node = data["node"]?.nodeID else { return nil }
            self = .executed(promptID: pid!, node: node, output: data["output"]?.objectValue ?? [:])
        case "execution_success" where pid != nil:
            self = .executionSuccess(promptID: pid!)
        case "execution_error" where pid != nil:
            self = .executionError(promptID: pid!, ExecutionFailure(json: data))
        case "execution_interrupted" where pid != nil:
            self = .executionInterrupted(promptID: pid!, node: data["node_id"]?.nodeID, classType: data["node_type"]?.stringValue)
        case "feature_flags":
            self = .featureFlags(data.objectValue ?? [:])
        default:
            self = .other(type: type, data: data)
        }
    }
}
