import ComfyKit
import ComfyKitHistory

extension AppState {
    /// Runs an earlier session left in flight go back on the runs strip, each followed again where it ran.
    mutating func reattach(_ records: [RunRecord]) -> [Effect] {
        guard !records.isEmpty else { return [] }
        let effects = records.map { record in Effect.followRecorded(runID: runs.reattach(record), record: record) }
        status = "re-attaching \(records.count) run(s) left in flight: " + records.map(\.workflowName).joined(separator: ", ")
        return effects
    }
}
