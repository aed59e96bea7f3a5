import ComfyKit
import ComfyKitHistory

/// A sweep an earlier session left in flight, as the run history has it.
struct LeftSweep: Sendable {
    /// Every prompt it recorded (routed), in prompt order, ended ones too.
    let records: [RunRecord]
    /// The prompts it planned and never routed, which this session sends.
    let unsent: [SweepPlan.Point]
}

/// What the runtime needs to send a left sweep's unsent prompts.
struct ResumedSweep: Hashable, Sendable {
    /// The sweep's id in the run history.
    let recordedID: String
    /// How many prompts it planned in all.
    let size: Int
    let workflowPath: String
    let workflow: LoadedWorkflow
    let points: [SweepPlan.Point]
}
