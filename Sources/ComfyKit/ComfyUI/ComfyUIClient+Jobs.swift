import Foundation

/// The jobs API of newer ComfyUI servers, with the older endpoints where a server lacks it (0.3.64).
extension ComfyUIClient {
    /// Whether the server has the jobs API (`GET /api/jobs`); asked once, and again after the server was away.
    public func hasJobsAPI() async -> Bool {
        await jobsAPI.isAvailable(probing: self)
    }

    /// `true` for 200; `false` for any other answer (0.3.64's 404, a proxy's error: the older endpoints work on
    /// every version); `nil` when the server could not be reached, so that it is asked again.
    func probeJobsAPI() async -> Bool? {
        guard let (status, _) = try? await send(.GET, "/api/jobs?limit=1") else { return nil }
        return status == 200
    }

    /// `GET /api/jobs/{id}`: the job with, once it ended, its history (`outputs` and `execution_status`);
    /// `nil` when the server does not know it (404). Only on servers with the jobs API.
    public func job(id: String) async throws -> (job: ServerJob, historyEntry: JSONObject?)? {
        let endpoint = "GET /api/jobs/\(id)"
        let (status, bytes) = try await send(.GET, "/api/jobs/" + ViewURL.encode(id))
        if status == 404 { return nil }
        guard status == 200, let json = try? JSONValue(parsing: bytes.readableBytesView), let job = ServerJob(jobsAPI: json) else {
            throw ComfyUIError.http(endpoint: endpoint, status: status, body: String(buffer: bytes))
        }
        guard job.status.hasEnded else { return (job, nil) }
        // The history entry's shape, which results are built from: outputs and the status with its messages.
        var entry: JSONObject = ["outputs": json["outputs"] ?? .object([:])]
        if let status = json["execution_status"], !status.isNull { entry["status"] = status }
        return (job, entry)
    }

    /// `GET /api/jobs?status=…&limit=…`: jobs of these statuses, newest first. Only on servers with the jobs API.
    public func jobs(_ statuses: Set<ServerJob.Status>, limit: Int? = nil) async throws -> [ServerJob] {
        var query = "status=" + ServerJob.Status.allCases.filter(statuses.contains).map(\.rawValue).joined(separator: ",")
        if let limit { query += "&limit=\(limit)" }
        let (status, bytes) = try await send(.GET, "/api/jobs?" + query)
        guard status == 200, let json = try? JSONValue(parsing: bytes.readableBytesView), let list = json["jobs"]?.arrayValue else {
            throw ComfyUIError.http(endpoint: "GET /api/jobs", status: status, body: String(buffer: bytes))
        }
        return list.compactMap(ServerJob.init(jobsAPI:))
    }

    /// `POST /api/jobs/{id}/cancel`: interrupts the job if it runs, removes it if it waits; `false` when it
    /// had already ended or is unknown. Only on servers with the jobs API.
    @discardableResult
    public func cancelJob(id: String) async throws -> Bool {
        let endpoint = "POST /api/jobs/\(id)/cancel"
        let (status, bytes) = try await send(.POST, "/api/jobs/" + ViewURL.encode(id) + "/cancel", json: .object([:]))
        guard status == 200, let json = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.http(endpoint: endpoint, status: status, body: String(buffer: bytes))
        }
        return json["cancelled"]?.boolValue ?? false
    }

    /// Cancels a prompt wherever it is: `POST /api/jobs/{id}/cancel` on servers with the jobs API, else
    /// removing it from the queue (`POST /queue`) and interrupting it only if it is the one running.
    public func cancel(promptID: String) async throws {
        if await hasJobsAPI() {
            try await cancelJob(id: promptID)
            return
        }
        try await deleteFromQueue([promptID])
        try await interrupt(promptID: promptID)
    }

    /// Everything the server runs and queues, from every client, and its `recentLimit` latest ended jobs:
    /// from the jobs API when the server has it, else from `/queue` and `/history`.
    public func serverQueue(recentLimit: Int = 40) async throws -> ServerQueue {
        if await hasJobsAPI() {
            let waiting = try await jobs([.inProgress, .pending])
            let ended = try await jobs([.completed, .failed, .cancelled], limit: recentLimit)
            return ServerQueue(
                running: waiting.filter { $0.status == .inProgress },
                pending: waiting.filter { $0.status == .pending }.sorted { $0.priority < $1.priority },
                recent: ended)
        }
        let (running, pending) = try await queuedJobs()
        return ServerQueue(running: running, pending: pending, recent: try await recentHistory(limit: recentLimit))
    }

    /// The `clientId` a queued or running prompt was submitted under (`/queue` says it on every version);
    /// nil when the prompt is not queued, or was sent without one.
    public func submitter(of promptID: String) async throws -> String? {
        let (running, pending) = try await queuedJobs()
        return (running + pending).first { $0.id == promptID }?.clientID
    }

    /// `GET /queue` as jobs, with their clients; pending ones in run order.
    private func queuedJobs() async throws -> (running: [ServerJob], pending: [ServerJob]) {
        let (status, bytes) = try await send(.GET, "/queue")
        guard status == 200, let queue = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.http(endpoint: "GET /queue", status: status, body: String(buffer: bytes))
        }
        let running = (queue["queue_running"]?.arrayValue ?? []).compactMap { ServerJob(queueItem: $0, status: .inProgress) }
        let pending = (queue["queue_pending"]?.arrayValue ?? []).compactMap { ServerJob(queueItem: $0, status: .pending) }
        return (running, pending.sorted { $0.priority < $1.priority })
    }

    /// `GET /history?max_items=N`: the latest ended prompts, newest first.
    private func recentHistory(limit: Int) async throws -> [ServerJob] {
        let (status, bytes) = try await send(.GET, "/history?max_items=\(limit)")
        guard status == 200, case .object(let all)? = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.http(endpoint: "GET /history", status: status, body: String(buffer: bytes))
        }
        return all.compactMap { id, entry in entry.objectValue.map { ServerJob(historyID: id, entry: $0) } }.reversed()
    }
}
