import Foundation

/// One `nodeInfoList` item: a value for one input of one node of the cloud workflow.
public struct NodeInfoEntry: Hashable, Sendable {
    /// The id of the node in the cloud workflow (the API-format key, e.g. `"6"`).
    public let nodeID: String
    /// The input to set, e.g. `text` or `seed`.
    public let fieldName: String
    /// Sent with its JSON type (an int stays an int; 63-bit seeds are JSON integers).
    public let fieldValue: JSONValue

    /// A value for input `fieldName` of node `nodeID`.
    public init(nodeID: String, fieldName: String, fieldValue: JSONValue) {
        self.nodeID = nodeID
        self.fieldName = fieldName
        self.fieldValue = fieldValue
    }

    var json: JSONValue { ["nodeId": .string(nodeID), "fieldName": .string(fieldName), "fieldValue": fieldValue] }
}

/// What `POST /task/openapi/create` is asked to start.
public struct CreateRequest: Hashable, Sendable {
    /// The stored workflow to run.
    public var workflowID: RunningHubWorkflowID
    /// The inputs to change from the stored workflow's values; empty runs it as stored.
    public var nodeInfoList: [NodeInfoEntry]
    /// `plus` for the 48 GB machines; `nil` leaves RunningHub's default.
    public var instanceType: String?
    /// Where RunningHub posts `TASK_END`.
    public var webhookURL: URL?
    /// A graph to run instead of the stored one ("if provided, it overrides workflowId").
    public var workflowOverride: Workflow?

    /// A request to run `workflowID`; every other part is optional and left out of the body when unset.
    public init(workflowID: RunningHubWorkflowID, nodeInfoList: [NodeInfoEntry] = [], instanceType: String? = nil, webhookURL: URL? = nil, workflowOverride: Workflow? = nil) {
        self.workflowID = workflowID
        self.nodeInfoList = nodeInfoList
        self.instanceType = instanceType
        self.webhookURL = webhookURL
        self.workflowOverride = workflowOverride
    }

    /// The body without `apiKey` (the client puts it first). Empty lists and unset options are left out.
    var body: JSONObject {
        var body: JSONObject = ["workflowId": .string(workflowID.value)]
        if !nodeInfoList.isEmpty { body["nodeInfoList"] = .array(nodeInfoList.map(\.json)) }
        if let instanceType, !instanceType.isEmpty { body["instanceType"] = .string(instanceType) }
        if let webhookURL { body["webhookUrl"] = .string(webhookURL.absoluteString) }
        // The API takes the graph as a JSON string.
        if let workflowOverride { body["workflow"] = .string(JSONWriter.string(workflowOverride.promptJSON)) }
        return body
    }
}

/// What `create` answered: the task, its first state, and the progress socket once it runs.
public struct CreatedTask: Hashable, Sendable {
    /// The task's id, for ``RunningHubClient/taskState(_:)``, ``RunningHubClient/cancel(_:)`` and the webhook.
    public let taskID: String
    /// The ComfyUI client id the task runs under; `nil` when the answer has none.
    public let clientID: String?
    /// `QUEUED`, `RUNNING` or `FAILED`.
    public let taskStatus: String
    /// `netWssUrl`: ComfyUI-style frames, a progress hint. Its query holds a credential: never show it.
    public let progressURL: RunningHubSocketURL?
    /// ComfyUI's validation of the prompt, when it failed (`result: false` or `node_errors`).
    public let validationError: ValidationError?

    init?(data: JSONValue) {
        guard let id = data["taskId"]?.nodeID, !id.isEmpty else { return nil }
        taskID = id
        clientID = data["clientId"]?.stringValue
        taskStatus = data["taskStatus"]?.stringValue ?? ""
        progressURL = data["netWssUrl"]?.stringValue.flatMap(RunningHubSocketURL.init)
        validationError = CreatedTask.promptTips(data["promptTips"])
    }

    /// `promptTips` is ComfyUI's validation as a JSON string; a failure when `result` is false or `node_errors` is not empty.
    static func promptTips(_ value: JSONValue?) -> ValidationError? {
        let tips: JSONValue
        switch value {
        case .string(let text)?: guard let parsed = try? JSONValue(parsing: text) else { return nil }; tips = parsed
        case .object?: tips = value!
        default: return nil
        }
        let nodeErrors = tips["node_errors"]?.objectValue ?? [:]
        guard tips["result"] == .bool(false) || !nodeErrors.isEmpty else { return nil }
        var body: JSONObject = ["node_errors": .object(nodeErrors)]
        switch tips["error"] {
        case .object?, .string?: body["error"] = tips["error"]
        default: body["error"] = ["type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation"]
        }
        return ValidationError(json: .object(body))
    }
}

/// `accountStatus`: what the key may still spend.
public struct AccountStatus: Hashable, Sendable {
    /// Coins left, as RunningHub writes the number; `nil` when not given.
    public let remainCoins: String?
    /// Tasks the key has queued or running now; `nil` when not given or not a whole number.
    public let currentTaskCounts: Int?
    /// Money left on the account, as RunningHub writes the amount; `nil` when not given.
    public let remainMoney: String?
    /// The currency of ``remainMoney``, e.g. `CNY`; `nil` when not given.
    public let currency: String?
    /// `NORMAL`, `SHARED`, `EXCLUSIVE`.
    public let apiType: String?

    init(data: JSONValue) {
        func text(_ key: String) -> String? {
            switch data[key] { case nil, .null?: nil; case let value?: value.displayText }
        }
        remainCoins = text("remainCoins")
        currentTaskCounts = text("currentTaskCounts").flatMap { Int($0) }
        remainMoney = text("remainMoney")
        currency = text("currency")
        apiType = text("apiType")
    }
}
