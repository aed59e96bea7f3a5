import ComfyKitHistory

/// How a run's events are recorded in the history.
enum RunRecording: Sendable {
    case none
    /// A new run: this record is added before its events are recorded.
    case new(RunRecord)
    /// A run re-attached to: its record, by short id.
    case existing(String)
}
