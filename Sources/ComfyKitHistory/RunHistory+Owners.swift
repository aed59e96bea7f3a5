import ComfyKit
import Foundation
import GRDB

/// Taking over runs and sweeps left in flight: only those no other live process runs, each in one transaction so that
/// two apps started at once never both take the same one.
extension RunHistory {
    /// The runs in flight that `wanted` picks and no other live process runs (nor runs their sweep), oldest first,
    /// made this process's own, with their sweeps' plans.
    public func claimInFlight(where wanted: @escaping @Sendable (RunRecord) -> Bool) async throws -> [ClaimedRun] {
        let current = RunOwner.current
        return try await pool.write { db in
            var claimed: [ClaimedRun] = []
            var sweepHeld: [String: Bool] = [:]
            var live = LiveOwners()
            let inFlight = try RunRecord.filter(RunRecord.Field.status == RunRecordStatus.running.rawValue)
                .order(RunRecord.Field.createdAt).fetchAll(db)
            for var record in inFlight where wanted(record) && !live.isAnotherLiveProcess(record.owner) {
                if let sweepID = record.sweepID {
                    let held = try sweepHeld[sweepID] ?? (Self.liveOwner(ofSweep: sweepID, in: db, &live) != nil)
                    sweepHeld[sweepID] = held
                    if held { continue }
                }
                let former = record.owner
                record.owner = current
                try record.update(db, columns: [RunRecord.Field.owner])
                claimed.append(ClaimedRun(record: record, formerOwner: former))
            }
            for (sweepID, held) in sweepHeld where !held {
                try Self.ownPlan(of: sweepID, as: current, in: db)
            }
            return claimed
        }
    }

    /// Makes sweep `sweepID` this process's own (its plan and its prompts in flight); when another live process runs
    /// it, nothing changes and that process is returned.
    public func claimSweep(_ sweepID: String) async throws -> RunOwner? {
        let current = RunOwner.current
        return try await pool.write { db in
            var live = LiveOwners()
            if let other = try Self.liveOwner(ofSweep: sweepID, in: db, &live) { return other }
            try Self.ownPlan(of: sweepID, as: current, in: db)
            try RunRecord.filter(RunRecord.Field.sweepID == sweepID && RunRecord.Field.status == RunRecordStatus.running.rawValue)
                .updateAll(db, RunRecord.Field.owner.set(to: current))
            return nil
        }
    }

    /// Makes run `id` this process's own; when another live process runs it (or its sweep), nothing changes and that
    /// process is returned.
    public func claim(_ id: String) async throws -> RunOwner? {
        let current = RunOwner.current
        return try await pool.write { db in
            guard var record = try RunRecord.fetchOne(db, key: id) else { return nil }
            var live = LiveOwners()
            if let other = record.owner, live.isAnotherLiveProcess(other) { return other }
            if let sweepID = record.sweepID, let other = try Self.liveOwner(ofSweep: sweepID, in: db, &live) { return other }
            record.owner = current
            try record.update(db, columns: [RunRecord.Field.owner])
            return nil
        }
    }

    /// Another live process that runs the sweep: the one its plan names, or one that runs one of its prompts.
    private static func liveOwner(ofSweep sweepID: String, in db: Database, _ live: inout LiveOwners) throws -> RunOwner? {
        if let owner = try SweepPlanRow.fetchOne(db, key: sweepID)?.owner, live.isAnotherLiveProcess(owner) { return owner }
        let owners = try RunRecord.filter(RunRecord.Field.sweepID == sweepID && RunRecord.Field.status == RunRecordStatus.running.rawValue)
            .fetchAll(db).compactMap(\.owner)
        for owner in owners where live.isAnotherLiveProcess(owner) { return owner }
        return nil
    }

    /// The sweep goes again, run by `owner`: it has not ended until that process says so.
    static func ownPlan(of sweepID: String, as owner: RunOwner?, in db: Database) throws {
        try SweepPlanRow.filter(key: sweepID).updateAll(db, Column("owner").set(to: owner), Column("endedAt").set(to: nil))
    }
}

/// A run taken over from a process that is gone.
public struct ClaimedRun: Sendable {
    /// The record, now this process's own.
    public let record: RunRecord
    /// The process that ran it; `nil` when the record did not say (written before owners were kept).
    public let formerOwner: RunOwner?
}

/// Each owner asked of `/proc` once per transaction: a left sweep's 100,000 prompts share one or two owners.
struct LiveOwners {
    private var known: [RunOwner: Bool] = [:]

    mutating func isAnotherLiveProcess(_ owner: RunOwner?) -> Bool {
        guard let owner else { return false }
        if let answer = known[owner] { return answer }
        let answer = owner.isAnotherLiveProcess
        known[owner] = answer
        return answer
    }
}
