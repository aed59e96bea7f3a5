import Foundation

/// Newer ComfyUI's jobs API (`GET /api/jobs`, `GET /api/jobs/{id}`, `POST /api/jobs/{id}/cancel`,
/// `POST /api/jobs/cancel`), as `server.py` implements it over `comfy_execution/jobs.py`. Served only under
/// ``ComfyUIDouble/Configuration/servesJobsAPI``; 0.3.64 answers 404.
struct JobsRoutes {
    let context: DoubleContext

    /// The reply for a `/jobs…` route (after `/api`), or nil when it is not one of the jobs routes.
    func reply(_ request: IncomingRequest) async -> HTTPReply? {
        let route = request.route
        switch request.method {
        case "GET" where route == "/jobs": return await list(request)
        case "POST" where route == "/jobs/cancel": return await cancelBatch(request)
        case "GET" where route.hasPrefix("/jobs/") && !route.dropFirst(6).contains("/"):
            return await job(String(route.dropFirst(6)))
        case "POST" where route.hasPrefix("/jobs/") && route.hasSuffix("/cancel"):
            let id = String(route.dropFirst(6).dropLast(7))
            guard !id.isEmpty, !id.contains("/") else { return nil }
            return .json(["cancelled": .bool(await cancel(id))])
        default: return nil
        }
    }

    private func list(_ request: IncomingRequest) async -> HTTPReply {
        var statuses = JobSummary.allStatuses
        if let text = request.queryValue("status"), !text.isEmpty {
            statuses = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            let invalid = statuses.filter { !JobSummary.allStatuses.contains($0) }
            if !invalid.isEmpty {
                let message = "Invalid status value(s): \(invalid.joined(separator: ", ")). Valid values: \(JobSummary.allStatuses.joined(separator: ", "))"
                return .json(["error": .string(message)], status: 400)
            }
        }
        let sortBy = (request.queryValue("sort_by") ?? "created_at").lowercased()
        let sortOrder = (request.queryValue("sort_order") ?? "desc").lowercased()
        guard ["created_at", "execution_duration"].contains(sortBy) else {
            return .json(["error": "sort_by must be 'created_at' or 'execution_duration'"], status: 400)
        }
        guard ["asc", "desc"].contains(sortOrder) else { return .json(["error": "sort_order must be 'asc' or 'desc'"], status: 400) }
        var limit: Int?
        if let text = request.queryValue("limit") {
            guard let value = Int(text) else { return .json(["error": "limit must be an integer"], status: 400) }
            guard value > 0 else { return .json(["error": "limit must be a positive integer"], status: 400) }
            limit = value
        }
        var offset = 0
        if let text = request.queryValue("offset") {
            guard let value = Int(text) else { return .json(["error": "offset must be an integer"], status: 400) }
            offset = max(value, 0)
        }

        let (running, pending) = await context.queue.currentQueue()
        var jobs: [JSONObject] = []
        if statuses.contains(JobSummary.inProgress) { jobs += running.map { JobSummary.queued($0, status: JobSummary.inProgress) } }
        if statuses.contains(JobSummary.pending) { jobs += pending.map { JobSummary.queued($0, status: JobSummary.pending) } }
        let history = await context.queue.historyEntries(maxItems: nil, offset: -1)
        for id in history.keys {
            let job = JobSummary.finished(id, history[id] ?? .null, includeOutputs: false)
            if let status = job["status"]?.stringValue, statuses.contains(status) { jobs.append(job) }
        }
        if let workflowID = request.queryValue("workflow_id"), !workflowID.isEmpty {
            jobs = jobs.filter { $0["workflow_id"]?.stringValue == workflowID }
        }
        jobs = Self.sorted(jobs, by: sortBy, descending: sortOrder == "desc")
        let total = jobs.count
        var page = Array(jobs.dropFirst(offset))
        if let limit { page = Array(page.prefix(limit)) }
        return .json([
            "jobs": .array(page.map(JSONValue.object)),
            "pagination": ["offset": .integer(offset), "limit": limit.map(JSONValue.integer) ?? .null, "total": .integer(total),
                           "has_more": .bool(offset + page.count < total)],
        ])
    }

    private func job(_ id: String) async -> HTTPReply {
        let history = await context.queue.historyEntries(maxItems: nil, offset: -1)
        if let entry = history[id] { return .json(.object(JobSummary.finished(id, entry, includeOutputs: true))) }
        let (running, pending) = await context.queue.currentQueue()
        if let item = running.first(where: { $0.promptID == id }) { return .json(.object(JobSummary.queued(item, status: JobSummary.inProgress))) }
        if let item = pending.first(where: { $0.promptID == id }) { return .json(.object(JobSummary.queued(item, status: JobSummary.pending))) }
        return .json(["error": "Job not found"], status: 404)
    }

    /// `_cancel_job_by_id`: interrupts a running job, dequeues a pending one; true when either happened.
    private func cancel(_ id: String) async -> Bool {
        if await context.queue.interruptIfRunning(id) { return true }
        if await context.queue.deletePending(id) { return true }
        // Left the pending queue between the two looks: it may be running now.
        return await context.queue.interruptIfRunning(id)
    }

    private func cancelBatch(_ request: IncomingRequest) async -> HTTPReply {
        guard let body = request.json else { return .json(["error": "Request body must be valid JSON"], status: 400) }
        guard let ids = body["job_ids"]?.arrayValue else { return .json(["error": "job_ids must be a list"], status: 400) }
        let invalid = ids.filter { PromptIDForm.canonical($0) == nil }
        if !invalid.isEmpty {
            return .json(["error": "job_ids contains invalid id(s)", "invalid_ids": .array(invalid.map { .string(PythonRepr.str($0)) })], status: 400)
        }
        var cancelled = false
        for id in ids.compactMap(PromptIDForm.canonical) where await cancel(id) { cancelled = true }
        return .json(["cancelled": .bool(cancelled)])
    }

    /// `apply_sorting`: by `create_time`, or by execution time (end − start, 0 when either is missing).
    static func sorted(_ jobs: [JSONObject], by field: String, descending: Bool) -> [JSONObject] {
        func key(_ job: JSONObject) -> Double {
            guard field == "execution_duration" else { return job["create_time"]?.numericValue ?? 0 }
            let start = job["execution_start_time"]?.numericValue ?? 0, end = job["execution_end_time"]?.numericValue ?? 0
            return start != 0 && end != 0 ? end - start : 0
        }
        // Python's sort is stable, also with reverse=True.
        let indexed = jobs.enumerated().map { ($0.offset, key($0.element), $0.element) }
        return indexed.sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return descending ? lhs.1 > rhs.1 : lhs.1 < rhs.1 }
            return lhs.0 < rhs.0
        }.map(\.2)
    }
}

/// `validate_job_id`: newer servers take only a UUID in canonical lowercase hyphenated form as a prompt id.
enum PromptIDForm {
    /// The id when it is a string in that form, else nil.
    static func canonical(_ value: JSONValue) -> String? {
        guard let text = value.stringValue, let uuid = UUID(uuidString: text), uuid.uuidString.lowercased() == text else { return nil }
        return text
    }
}
