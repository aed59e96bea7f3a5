import ComfyKit
import Foundation
import GRDB

extension RunHistory {
    /// Adds a run; the record as stored. Short ids are random and may meet one already taken (likely among
    /// 100,000 runs): the run then gets a fresh id.
    @discardableResult
    public func insert(_ record: RunRecord) async throws -> RunRecord {
        try await pool.write { db in
            var stored = record
            for _ in 0..<8 {
                guard try RunRecord.exists(db, key: stored.id) else { break }
                stored.id = RunRecord.newID()
            }
            try stored.insert(db)
            return stored
        }
    }

    /// Adds many runs in one transaction (an import, a benchmark's history).
    public func insert(contentsOf records: [RunRecord]) async throws {
        try await pool.write { db in
            for record in records { try record.insert(db) }
        }
    }

    /// Changes the run `id` in one transaction; the record as changed, `nil` when there is no such run.
    @discardableResult
    public func update(_ id: String, _ change: @escaping @Sendable (inout RunRecord) -> Void) async throws -> RunRecord? {
        try await pool.write { db in
            guard var record = try RunRecord.fetchOne(db, key: id) else { return nil }
            change(&record)
            try record.update(db)
            return record
        }
    }

    /// The run with our short id, else with this prompt or task id, else the one run whose id starts with it.
    public func record(_ idOrPromptID: String) async throws -> RunRecord? {
        let key = idOrPromptID.lowercased()
        return try await pool.read { db in
            if let record = try RunRecord.fetchOne(db, key: key) { return record }
            if let record = try RunRecord.filter(RunRecord.Field.promptID == idOrPromptID).fetchOne(db) { return record }
            let prefixed = try RunRecord.filter(RunRecord.Field.id.like(key.escapedForLike + "%", escape: "\\")).limit(2).fetchAll(db)
            return prefixed.count == 1 ? prefixed[0] : nil
        }
    }

    /// Runs matching `filter`, newest first.
    public func runs(_ filter: RunFilter = RunFilter()) async throws -> [RunRecord] {
        try await pool.read { db in try Self.request(filter).fetchAll(db) }
    }

    /// How many runs match `filter` (its limit aside).
    public func count(_ filter: RunFilter = RunFilter()) async throws -> Int {
        let all = RunFilter(status: filter.status, workflow: filter.workflow, text: filter.text, limit: nil)
        return try await pool.read { db in try Self.request(all).fetchCount(db) }
    }

    /// Runs recorded as still going on where they ran: what a new CLI or TUI re-attaches to.
    public func inFlight() async throws -> [RunRecord] {
        try await runs(RunFilter(status: .running, limit: nil))
    }

    /// The prompts recorded of sweep `sweepID` (``RunRecord/sweepID``), in prompt order.
    public func sweep(_ sweepID: String) async throws -> [RunRecord] {
        try await pool.read { db in
            try RunRecord.filter(RunRecord.Field.sweepID == sweepID).order(RunRecord.Field.sweepIndex).fetchAll(db)
        }
    }

    /// Removes a run's record (its downloaded files stay); whether there was one.
    @discardableResult
    public func forget(_ id: String) async throws -> Bool {
        try await pool.write { db in try RunRecord.deleteOne(db, key: id) }
    }

    static func request(_ filter: RunFilter) -> QueryInterfaceRequest<RunRecord> {
        var request = RunRecord.all()
        if let status = filter.status { request = request.filter(RunRecord.Field.status == status.rawValue) }
        if let workflow = filter.workflow, !workflow.isEmpty {
            request = request.filter(RunRecord.Field.workflowName.like("%" + workflow.escapedForLike + "%", escape: "\\"))
        }
        if let text = filter.text, !text.isEmpty {
            let pattern = "%" + text.escapedForLike + "%"
            request = request.filter(
                RunRecord.Field.workflowName.like(pattern, escape: "\\") || RunRecord.Field.status.like(pattern, escape: "\\")
                    || RunRecord.Field.paramsJSON.like(pattern, escape: "\\"))
        }
        request = request.order(RunRecord.Field.createdAt.desc)
        if let limit = filter.limit { request = request.limit(limit) }
        return request
    }
}

extension String {
    /// The text with LIKE's wildcards (and the escape character) escaped by `\`.
    var escapedForLike: String {
        var escaped = ""
        for character in self {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
