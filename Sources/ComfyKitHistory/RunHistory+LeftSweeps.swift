import ComfyKit
import Foundation
import GRDB

/// Sweeps that never ended and whose app is gone: a killed `comfykit run --vary`, a `comfykit-tui` that died or was
/// left with `l`. Their prompts in flight show as "running (app gone)"; those below are the ones a list of runs does
/// not show, planned and never routed.
extension RunHistory {
    /// Sweeps whose app went away between two prompts: not ended, run by no live process (nor by this one), none of
    /// their prompts in flight, some planned prompts never routed; made this process's own, oldest first. Each has a
    /// recorded prompt (a later session reads the workflow from it). One whose every prompt was routed and has ended
    /// is recorded as ended instead.
    public func claimLeftSweeps() async throws -> [String] {
        let current = RunOwner.current
        return try await pool.write { db in
            var claimed: [String] = []
            // Prompts in flight bring their sweep back through ``claimInFlight(where:)``.
            for left in try Self.leftSweeps(in: db, current: current) where left.inFlight == 0 {
                if left.unsent == 0 {
                    try SweepPlanRow.filter(key: left.sweepID).updateAll(db, Column("endedAt").set(to: Date()))
                } else {
                    try Self.ownPlan(of: left.sweepID, as: current, in: db)
                    claimed.append(left.sweepID)
                }
            }
            return claimed
        }
    }

    /// The sweeps that never ended, whose app is gone, with prompts left: planned and never routed, or in flight.
    /// Nothing changes (``claimLeftSweeps()`` takes them over).
    public func leftSweeps() async throws -> [LeftSweepSummary] {
        let current = RunOwner.current
        return try await pool.read { db in try Self.leftSweeps(in: db, current: current).filter { $0.unsent + $0.inFlight > 0 } }
    }

    /// The plans not ended whose app is gone, with their counts; a plan that names no app cannot be told from a live
    /// one's and is left out, as is one without a recorded prompt.
    private static func leftSweeps(in db: Database, current: RunOwner?) throws -> [LeftSweepSummary] {
        var live = LiveOwners()
        var found: [LeftSweepSummary] = []
        for plan in try SweepPlanRow.filter(Column("endedAt") == nil).order(Column("createdAt")).fetchAll(db) {
            guard let owner = plan.owner, owner != current, !live.isAnotherLiveProcess(owner) else { continue }
            // Only the columns counted: this runs at every TUI start and `runs ls`, and a sweep may have 100,000 prompts,
            // each record carrying its workflow.
            let prompts = RunRecord.filter(RunRecord.Field.sweepID == plan.sweepID)
            guard let first = try Row.fetchOne(db, prompts.select(RunRecord.Field.id, RunRecord.Field.workflowName).order(RunRecord.Field.sweepIndex))
            else { continue }
            var routed: Set<Int> = []
            var inFlight = 0
            var followedByALiveProcess = false
            let rows = try Row.fetchCursor(db, prompts.select(RunRecord.Field.sweepIndex, RunRecord.Field.status, RunRecord.Field.owner))
            while let row = try rows.next() {
                if let index: Int = row[RunRecord.Field.sweepIndex] { routed.insert(index) }
                if (row[RunRecord.Field.status] as String?) == RunRecordStatus.running.rawValue { inFlight += 1 }
                if live.isAnotherLiveProcess(row[RunRecord.Field.owner]) { followedByALiveProcess = true }
            }
            // A live process follows one of its prompts (`runs watch`): not left.
            if followedByALiveProcess { continue }
            let points = plan.points
            found.append(LeftSweepSummary(
                sweepID: plan.sweepID, workflowName: first[RunRecord.Field.workflowName], firstRunID: first[RunRecord.Field.id],
                size: max(points.count, routed.count), unsent: points.filter { !routed.contains($0.index) }.count, inFlight: inFlight))
        }
        return found
    }
}

/// A sweep that never ended and whose app is gone.
public struct LeftSweepSummary: Sendable, Equatable {
    public let sweepID: String
    public let workflowName: String
    /// A run of the sweep (`comfykit runs resume` takes any).
    public let firstRunID: String
    /// How many prompts it planned.
    public let size: Int
    /// Its prompts planned and never routed.
    public let unsent: Int
    /// Its prompts recorded in flight.
    public let inFlight: Int
}
