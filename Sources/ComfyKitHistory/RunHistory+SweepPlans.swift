import ComfyKit
import Foundation
import GRDB

/// A sweep's planned prompts as the history keeps them: each one's index, values and varied values, media URLs
/// without user info or query as in the runs' records.
struct SweepPlanRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "sweepPlan"
    var sweepID: String
    var pointsJSON: String
    var createdAt: Date
    /// The process that runs the sweep (or resumed it last).
    var owner: RunOwner?
    /// When the sweep ended: every prompt ended, or it was cancelled; `nil` while it goes, or when its app went away.
    var endedAt: Date?
    /// The ComfyUI servers the sweep was routed over (names or URLs without user info), as a JSON array; `nil` in plans
    /// kept before they were.
    var serversJSON: String?

    init(sweepID: String, points: [SweepPlan.Point], servers: [String]?, createdAt: Date = Date(), owner: RunOwner? = .current) {
        self.sweepID = sweepID
        self.createdAt = createdAt
        self.owner = owner
        serversJSON = servers.map { JSONWriter.string(.array($0.map(JSONValue.string))) }
        pointsJSON = JSONWriter.string(.array(points.map { point in
            .object(JSONObject([
                ("index", .number(JSONNumber(point.index))),
                ("values", .object(JSONObject(point.values.sorted { $0.key < $1.key }.map { ($0.key, ComfyKit.stored($0.value)) }))),
                ("varied", ComfyKit.storedVariedJSON(point.varied)),
            ]))
        }))
    }

    /// The points as planned; an entry that cannot be read is left out (its prompt is then reported as never sent).
    var points: [SweepPlan.Point] {
        guard case .array(let items)? = try? JSONValue(parsing: pointsJSON) else { return [] }
        return items.compactMap { item -> SweepPlan.Point? in
            guard let object = item.objectValue, let index = object["index"]?.intValue, case .object(let values)? = object["values"] else {
                return nil
            }
            var params: [String: ParamValue] = [:]
            for (name, value) in values { params[name] = ParamValue(storedJSON: value) }
            return SweepPlan.Point(index: index, values: params, varied: RunRecord.varied(fromStored: object["varied"]))
        }
    }

    /// The servers as kept; `nil` when the plan did not keep them.
    var servers: [String]? {
        guard let serversJSON, case .array(let items)? = try? JSONValue(parsing: serversJSON) else { return nil }
        return items.compactMap(\.stringValue)
    }
}

extension RunHistory {
    /// Keeps sweep `sweepID`'s planned prompts, so that a later session can send those never sent (the app that
    /// ran the sweep left it with prompts still to send), as run by `owner` over the ComfyUI `servers` (as
    /// ``ComfyKit/serverNames`` names them: names or URLs without user info).
    public func recordPlan(_ points: [SweepPlan.Point], ofSweep sweepID: String, servers: [String]? = nil, owner: RunOwner? = .current) async throws {
        let row = SweepPlanRow(sweepID: sweepID, points: points, servers: servers, owner: owner)
        try await pool.write { db in try row.save(db) }
    }

    /// The prompts sweep `sweepID` planned, in order; empty when its plan was not recorded (a sweep recorded
    /// before plans were kept).
    public func plannedPoints(ofSweep sweepID: String) async throws -> [SweepPlan.Point] {
        try await pool.read { db in try SweepPlanRow.fetchOne(db, key: sweepID) }?.points.sorted { $0.index < $1.index } ?? []
    }

    /// The ComfyUI servers sweep `sweepID` was started over, as ``ComfyKit/serverNames`` named them; `nil` when its plan
    /// did not keep them (kept before they were, or no plan).
    public func plannedServers(ofSweep sweepID: String) async throws -> [String]? {
        try await pool.read { db in try SweepPlanRow.fetchOne(db, key: sweepID) }?.servers
    }

    /// Notes that sweep `sweepID` ended (every prompt ended, or it was cancelled): a later session does not send its
    /// unsent prompts by itself (`comfykit runs resume` still can).
    public func recordEnd(ofSweep sweepID: String, at date: Date = Date()) async throws {
        _ = try await pool.write { db in
            try SweepPlanRow.filter(key: sweepID).updateAll(db, Column("endedAt").set(to: date))
        }
    }

    /// When sweep `sweepID` ended, as recorded; `nil` while it goes, when its app went away, or with no plan kept.
    public func endOfSweep(_ sweepID: String) async throws -> Date? {
        try await pool.read { db in try SweepPlanRow.fetchOne(db, key: sweepID) }?.endedAt
    }
}
