import ComfyKit

/// Everything that can change the app's state.
enum Message: Sendable {
    case key(Key)
    case folderLoaded([WorkflowEntry])
    case folderFailed(String)
    case runEvent(runID: Int, RunEvent)
    case downloaded(runID: Int, paths: [String])
    case downloadFailed(runID: Int, reason: String)
    case resize(width: Int, height: Int)
    case serverProbed(ServerStatus)
    case tick
    /// The runtime's clock, in seconds since it started; sent before the other messages of each loop turn.
    case clock(Double)
    /// A random seed for a seed field, drawn by the runtime (update stays deterministic).
    case seedDrawn(workflowPath: String, field: String, seed: Int)
}

/// Work the runtime does for `update`, reporting back with ``Message``s.
enum Effect: Hashable, Sendable {
    case loadFolder(path: String)
    case startRun(runID: Int, workflowPath: String, params: [String: ParamValue])
    case cancelRun(runID: Int)
    case download(runID: Int, urls: [String])
    /// Save a submitted form's field texts so the next session prefills them.
    case rememberForm(workflowPath: String, values: [String: String])
    /// Draw a random seed for a seed field; answered with ``Message/seedDrawn(workflowPath:field:seed:)``.
    case drawSeed(workflowPath: String, field: String)
    case quit
}
