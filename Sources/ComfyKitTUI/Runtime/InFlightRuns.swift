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
    /// lost on the way when its app is gone, or, when its record does not name its app, once ``submissionGrace`` passed.
    static func lookUp(in history: RunHistory, for kit: ComfyKit, now: Date = Date()) async throws -> [RunRecord] {
        var followable: [RunRecord] = []
        for claimed in try await history.claimInFlight(where: { $0.target == .comfyUI || belongs($0, to: kit) }) {
            let record = claimed.record
            if record.promptID != nil {
                followable.append(record)
            } else if claimed.formerOwner != nil || now.timeIntervalSince(record.createdAt) > submissionGrace {
                let lost = ExecuteResult.failure("lost: it was never submitted (the app that started it stopped first)")
                try? await history.finish(record.id, with: RunOutcome(result: lost), at: now)
            }
        }
        return followable
    }

    /// The runs to follow split into single runs and sweeps: a sweep with a prompt in flight comes back whole, every
    /// prompt it recorded (ended ones too) in prompt order, where its first prompt in flight was, with the planned
    /// prompts its app never sent (no record: never routed).
    static func sweeps(among records: [RunRecord], in history: RunHistory) async throws -> (singles: [RunRecord], sweeps: [LeftSweep]) {
        var singles: [RunRecord] = []
        var sweeps: [LeftSweep] = []
        var seen: Set<String> = []
        for record in records {
            guard let sweepID = record.sweepID else {
                singles.append(record)
                continue
            }
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
