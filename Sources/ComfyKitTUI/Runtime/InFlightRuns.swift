import ComfyKit
import ComfyKitHistory
import Foundation

/// The runs a new session re-attaches to: recorded as in flight on a ComfyUI server (followed on the server it ran
/// on, found on another, or reported as not followable), or on the RunningHub site when this session has its key.
enum InFlightRuns {
    /// How long a run recorded but never submitted, by an app that did not say who it was, may still be on its way
    /// to the server (that app may be uploading its media); older, it is recorded as lost.
    static let submissionGrace: TimeInterval = 3600

    /// The runs to follow again, oldest first (so the newest is the last tab), made this session's own; runs another
    /// live app runs (a second `comfykit-tui`, a `comfykit run`) are left to it. A run never submitted is recorded as
    /// lost on the way when its app is gone, or, when its record does not name its app, once ``submissionGrace`` passed;
    /// a sweep's prompt whose record kept the id it was sent under is first asked for on its server: followed where it
    /// arrived, sent again with the sweep when the server it was sent to answers that it never did.
    /// With them, the sweeps to bring back though none of their prompts is followed: left between two prompts
    /// (``RunHistory/claimLeftSweeps()``), or whose only prompts in flight were never submitted (lost now).
    static func lookUp(in history: RunHistory, for kit: ComfyKit, now: Date = Date()) async throws -> (records: [RunRecord], sweepIDs: [String]) {
        var followable: [RunRecord] = []
        var sweepIDs: [String] = []
        for claimed in try await history.claimInFlight(where: { $0.target == .comfyUI || belongs($0, to: kit) }) {
            let record = claimed.record
            if record.promptID != nil {
                followable.append(record)
            } else if claimed.formerOwner != nil || now.timeIntervalSince(record.createdAt) > submissionGrace {
                var why = "it was never submitted (the app that started it stopped first)"
                if let requested = record.requestedPromptID, record.target == .comfyUI {
                    switch await kit.place(ofUnconfirmedPrompt: requested, sentTo: record.server) {
                    case .server(let name):
                        // It arrived: followed like any prompt the server confirmed.
                        if let found = try? await history.markSubmitted(record.id, promptID: requested, on: name, at: now) { followable.append(found) }
                        continue
                    case .notReceived(let server):
                        // It never arrived: its record goes, so that the sweep sends the prompt again as never routed,
                        // when the sweep's other records keep its workflow.
                        if let sweepID = record.sweepID, record.sweepIndex != nil, ((try? await history.sweep(sweepID).count) ?? 0) > 1 {
                            _ = try? await history.forget(record.id)
                            sweepIDs.append(sweepID)
                            continue
                        }
                        why = "\(server) never received it (the app that sent it stopped first)"
                    case .down(let server, let reason):
                        why = "it was sent to \(server), which is \(reason), and never confirmed (the app that sent it stopped first)"
                    case .notConfigured(let server, _):
                        why = "it was sent to \(server), not one of this session's servers, and never confirmed (the app that sent it stopped first)"
                    }
                }
                let lost = ExecuteResult.failure("lost: \(why)")
                try? await history.finish(record.id, with: RunOutcome(result: lost), at: now)
                if let sweepID = record.sweepID { sweepIDs.append(sweepID) }
            }
        }
        sweepIDs += try await history.claimLeftSweeps()
        return (followable, sweepIDs)
    }

    /// The runs to follow split into single runs and sweeps: a sweep with a prompt in flight comes back whole, every
    /// prompt it recorded (ended ones too) in prompt order, where its first prompt in flight was, with the planned
    /// prompts its app never sent (no record: never routed). The sweeps `alsoSweeps` names come back the same way,
    /// though no record among `records` is theirs.
    static func sweeps(
        among records: [RunRecord], alsoSweeps: [String] = [], in history: RunHistory
    ) async throws -> (singles: [RunRecord], sweeps: [LeftSweep]) {
        var singles: [RunRecord] = []
        var sweepIDs: [String] = []
        for record in records {
            if let sweepID = record.sweepID { sweepIDs.append(sweepID) } else { singles.append(record) }
        }
        var sweeps: [LeftSweep] = []
        var seen: Set<String> = []
        for sweepID in sweepIDs + alsoSweeps {
            guard seen.insert(sweepID).inserted else { continue }
            let recorded = try await history.sweep(sweepID)
            let routed = Set(recorded.compactMap(\.sweepIndex))
            let unsent = try await history.plannedPoints(ofSweep: sweepID).filter { !routed.contains($0.index) }
            sweeps.append(LeftSweep(records: recorded, unsent: unsent))
        }
        return (singles, sweeps)
    }

    /// Whether the run ran where this kit's runs go: one of its ComfyUI servers, or its RunningHub site when it has a key.
    static func belongs(_ record: RunRecord, to kit: ComfyKit) -> Bool {
        switch record.target {
        case .comfyUI: kit.server(named: record.server) != nil
        case .runningHub: kit.runningHub != nil && record.server == kit.configuration.runningHubBaseURL.redactedForDisplay
        }
    }
}
