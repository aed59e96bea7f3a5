import ComfyKit
import Foundation
import GRDB

/// One run as the history keeps it: what ran, where, with which values, and how it ended.
///
/// Never holds a secret: servers and media URLs are kept without user info or query, and API keys and
/// cookies are never written.
public struct RunRecord: Hashable, Sendable, Codable {
    /// Our short run id (8 hex digits), shown by `comfykit runs ls`.
    public var id: String
    /// The workflow's display name (the file's stem, the URL's last component, `workflow_<id>`).
    public var workflowName: String
    /// Where the workflow came from: a file path, a URL without query, or `runninghub:<id>`.
    public var workflowSource: String
    /// The API-format graph as loaded, so the run can be watched and re-run without its source.
    public var workflowJSON: String
    /// FNV-1a 64 (hex) of the graph and the param values given, before uploads and the seed pass.
    public var sentHash: String
    /// The param values given, as a JSON object (media as the file or URL that was uploaded).
    public var paramsJSON: String
    /// Where it ran.
    public var target: RunTarget
    /// The ComfyUI server or RunningHub site, without user info or query.
    public var server: String
    /// ComfyUI's prompt id or RunningHub's task id, once submitted.
    public var promptID: String?
    /// The prompt id a sweep's prompt was sent to its ComfyUI server under, written before the server answered: a
    /// later session asks that server for it when the app went away first (the server has it, or it never arrived).
    public var requestedPromptID: String?
    public var status: RunRecordStatus
    public var createdAt: Date
    /// When the server accepted the prompt.
    public var submittedAt: Date?
    public var finishedAt: Date?
    /// Seconds from submission to the end, as the result says.
    public var duration: Double?
    /// The final ``ExecuteResult`` as JSON (outputs by name and the server's raw outputs).
    public var resultJSON: String?
    /// What went wrong, for every end but `completed`.
    public var message: String?
    /// Files saved from the outputs, as a JSON array of paths.
    public var downloadsJSON: String
    /// The sweep this run was one prompt of (the sweep's own short id); `nil` for a single run.
    public var sweepID: String?
    /// The prompt's index in its sweep.
    public var sweepIndex: Int?
    /// How many prompts its sweep planned (some may never have been sent).
    public var sweepSize: Int?
    /// The varied values and changing seeds that set the prompt apart, in the order given, as a JSON array of
    /// `{"name": …, "value": …}`.
    public var sweepVariedJSON: String?
    /// The process that runs or follows it (``RunOwner``): while that process lives, no other app re-attaches it.
    public var owner: RunOwner?

    public init(
        id: String = RunRecord.newID(), workflowName: String, workflowSource: String, workflowJSON: String, sentHash: String,
        paramsJSON: String, target: RunTarget, server: String, promptID: String? = nil, status: RunRecordStatus = .running,
        createdAt: Date = Date(), submittedAt: Date? = nil, finishedAt: Date? = nil, duration: Double? = nil,
        resultJSON: String? = nil, message: String? = nil, downloadsJSON: String = "[]",
        sweepID: String? = nil, sweepIndex: Int? = nil, sweepSize: Int? = nil, sweepVariedJSON: String? = nil,
        owner: RunOwner? = nil, requestedPromptID: String? = nil
    ) {
        self.id = id
        self.workflowName = workflowName
        self.workflowSource = workflowSource
        self.workflowJSON = workflowJSON
        self.sentHash = sentHash
        self.paramsJSON = paramsJSON
        self.target = target
        self.server = server
        self.promptID = promptID
        self.status = status
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
        self.duration = duration
        self.resultJSON = resultJSON
        self.message = message
        self.downloadsJSON = downloadsJSON
        self.sweepID = sweepID
        self.sweepIndex = sweepIndex
        self.sweepSize = sweepSize
        self.sweepVariedJSON = sweepVariedJSON
        self.owner = owner
        self.requestedPromptID = requestedPromptID
    }

    /// A fresh short run id: 8 lowercase hex digits.
    public static func newID() -> String {
        String(UUID().uuidString.lowercased().prefix(8))
    }

    /// Whether the run may still be going on where it ran.
    public var isInFlight: Bool { status == .running }

    /// The stored param values.
    public var params: [String: ParamValue] {
        guard case .object(let object)? = try? JSONValue(parsing: paramsJSON) else { return [:] }
        var values: [String: ParamValue] = [:]
        for (name, value) in object { values[name] = ParamValue(storedJSON: value) }
        return values
    }

    /// The stored graph.
    public func workflow() throws -> Workflow {
        try WorkflowDocument.from(try JSONValue(parsing: workflowJSON), source: "run \(id)", name: workflowName).localWorkflow()
    }

    /// The stored graph and its DSL params, as a re-run needs them.
    public func workflowAndSpec() throws -> (workflow: Workflow, spec: WorkflowSpec) {
        let workflow = try workflow()
        return (workflow, try WorkflowSpec(workflow))
    }

    /// The stored result, once the run has ended.
    public var result: ExecuteResult? {
        guard let resultJSON, let data = resultJSON.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(ExecuteResult.self, from: data)
    }

    /// How an ended run ended: its stored result, else one made of its status and message.
    public var endedResult: ExecuteResult {
        result ?? ExecuteResult(status: RunStatus(rawValue: status.rawValue) ?? .error, promptID: promptID, duration: duration, msg: message)
    }

    /// The prompt's varied values in its sweep, in the order given; empty for a single run.
    public var sweepVaried: [(name: String, value: ParamValue)] {
        Self.varied(fromStored: sweepVariedJSON.flatMap { try? JSONValue(parsing: $0) })
    }

    /// Varied values as ``ComfyKit/storedVariedJSON(_:)`` keeps them.
    static func varied(fromStored stored: JSONValue?) -> [(name: String, value: ParamValue)] {
        guard case .array(let items)? = stored else { return [] }
        return items.compactMap { item in
            guard let object = item.objectValue, let name = object["name"]?.stringValue, let value = object["value"] else { return nil }
            return (name, ParamValue(storedJSON: value))
        }
    }

    /// The saved files' paths.
    public var downloads: [String] {
        guard case .array(let items)? = try? JSONValue(parsing: downloadsJSON) else { return [] }
        return items.compactMap(\.stringValue)
    }
}

/// Where a run ran.
public enum RunTarget: String, Hashable, Sendable, Codable, DatabaseValueConvertible {
    case comfyUI = "comfyui"
    case runningHub = "runninghub"
}

/// A recorded run's state: in flight, or how it ended.
public enum RunRecordStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Recorded before submission, or submitted and not yet seen to end.
    case running
    case completed
    case error
    case timeout
    case interrupted

    public init(_ status: RunStatus) {
        switch status {
        case .completed: self = .completed
        case .error: self = .error
        case .timeout: self = .timeout
        case .interrupted: self = .interrupted
        }
    }
}

extension RunRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "run"

    enum Field {
        static let id = Column(CodingKeys.id)
        static let workflowName = Column(CodingKeys.workflowName)
        static let paramsJSON = Column(CodingKeys.paramsJSON)
        static let promptID = Column(CodingKeys.promptID)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
        static let sweepID = Column(CodingKeys.sweepID)
        static let sweepIndex = Column(CodingKeys.sweepIndex)
        static let owner = Column(CodingKeys.owner)
    }
}

extension ParamValue {
    /// A value read back from the history's JSON: numbers keep their kind, anything else stays JSON.
    init(storedJSON value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .number(let n) where n.isInteger: self = n.intValue.map(ParamValue.int) ?? .json(value)
        case .number(let n): self = .double(n.doubleValue)
        case .array, .object: self = .json(value)
        }
    }
}
