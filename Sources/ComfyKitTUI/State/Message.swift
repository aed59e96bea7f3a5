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
}

/// Work the runtime does for `update`, reporting back with ``Message``s.
enum Effect: Hashable, Sendable {
    case loadFolder(path: String)
    case startRun(runID: Int, workflowPath: String, params: [String: ParamValue])
    case cancelRun(runID: Int)
    case download(runID: Int, urls: [String])
    /// Save a submitted form's field texts so the next session prefills them.
    case rememberForm(workflowPath: String, values: [String: String])
    case quit
}
