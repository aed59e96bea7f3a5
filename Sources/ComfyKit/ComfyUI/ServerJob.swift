import Foundation

/// One prompt on a ComfyUI server, from any client: queued, running or in the server's history.
///
/// Newer servers describe it in their jobs API (`GET /api/jobs`); on older ones (0.3.64) it is read from
/// `/queue` and `/history`. Either way the fields mean the same.
public struct ServerJob: Hashable, Sendable {
    /// Where a job is in its life, in the jobs API's words.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Waiting in the queue.
        case pending
        /// Executing now.
        case inProgress = "in_progress"
        /// Ran to its end.
        case completed
        /// A node raised.
        case failed
        /// Interrupted.
        case cancelled

        /// True for the three statuses of a job in the history.
        public var hasEnded: Bool { self == .completed || self == .failed || self == .cancelled }
    }

    /// The prompt id.
    public let id: String
    /// Where the job is.
    public let status: Status
    /// Its place in the run order (lower runs first).
    public let priority: Double
    /// When the server queued it (newer servers only).
    public let createdAt: Date?
    /// When it started and ended executing, as the history says.
    public let startedAt: Date?
    /// When it ended, as the history says.
    public let endedAt: Date?
    /// The client that queued it, when the server says (`/queue` and `/history` do, the jobs API does not).
    public let clientID: String?
    /// Output files and texts counted over its output nodes.
    public let outputsCount: Int

    /// Describes a job.
    public init(id: String, status: Status, priority: Double, createdAt: Date? = nil, startedAt: Date? = nil, endedAt: Date? = nil,
                clientID: String? = nil, outputsCount: Int = 0) {
        self.id = id
        self.status = status
        self.priority = priority
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.clientID = clientID
        self.outputsCount = outputsCount
    }

    /// A job dict of the jobs API; nil without an id or a known status.
    init?(jobsAPI json: JSONValue) {
        guard let id = json["id"]?.stringValue, let status = json["status"]?.stringValue.flatMap(Status.init(rawValue:)) else { return nil }
        self.init(
            id: id, status: status, priority: json["priority"]?.doubleValue ?? 0, createdAt: Self.date(json["create_time"]),
            startedAt: Self.date(json["execution_start_time"]), endedAt: Self.date(json["execution_end_time"]),
            outputsCount: json["outputs_count"]?.intValue ?? 0)
    }

    /// A `/queue` item (`[number, prompt_id, prompt, extra_data, outputs]`), pending or running.
    init?(queueItem json: JSONValue, status: Status) {
        guard let item = json.arrayValue, item.count >= 2, let id = item[1].stringValue else { return nil }
        let extra = item.count > 3 ? item[3] : .null
        self.init(id: id, status: status, priority: item[0].doubleValue ?? 0, createdAt: Self.date(extra["create_time"]),
                  clientID: extra["client_id"]?.stringValue)
    }

    /// A `/history` entry.
    init(historyID id: String, entry: JSONObject) {
        let prompt = entry["prompt"]?.arrayValue ?? []
        let extra = prompt.count > 3 ? prompt[3] : .null
        var started: Date?, ended: Date?
        for message in entry["status"]?["messages"]?.arrayValue ?? [] {
            guard let pair = message.arrayValue, pair.count == 2, let kind = pair[0].stringValue else { continue }
            if kind == "execution_start" { started = Self.date(pair[1]["timestamp"]) }
            if ["execution_success", "execution_error", "execution_interrupted"].contains(kind) { ended = Self.date(pair[1]["timestamp"]) }
        }
        let status: Status = switch HistoryEntry(entry).runFailure {
        case .interrupted?: .cancelled
        case nil: .completed
        default: .failed
        }
        let outputs = (entry["outputs"]?.objectValue ?? [:]).values.reduce(0) { count, node in
            count + (node.objectValue ?? [:]).filter { $0.key != "animated" }.reduce(0) { $0 + ($1.value.arrayValue?.count ?? 0) }
        }
        self.init(id: id, status: status, priority: prompt.first?.doubleValue ?? 0, createdAt: Self.date(extra["create_time"]),
                  startedAt: started, endedAt: ended, clientID: extra["client_id"]?.stringValue, outputsCount: outputs)
    }

    /// Milliseconds since 1970, as ComfyUI stamps them.
    private static func date(_ value: JSONValue?) -> Date? {
        value?.doubleValue.map { Date(timeIntervalSince1970: $0 / 1000) }
    }
}

/// What a ComfyUI server has queued, runs and ran lately, from every client.
public struct ServerQueue: Hashable, Sendable {
    /// Executing now (usually one).
    public var running: [ServerJob]
    /// Waiting, in run order.
    public var pending: [ServerJob]
    /// The latest ended jobs, newest first.
    public var recent: [ServerJob]

    /// A queue of these jobs.
    public init(running: [ServerJob], pending: [ServerJob], recent: [ServerJob]) {
        self.running = running
        self.pending = pending
        self.recent = recent
    }
}
