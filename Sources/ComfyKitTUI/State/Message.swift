import ComfyKit

/// Everything that can change the app's state.
enum Message: Sendable {
    case key(Key)
    case folderLoaded([WorkflowEntry])
    case folderFailed(String)
    case runEvent(runID: Int, RunEvent)
    case resize(width: Int, height: Int)
    case tick
}

/// Work the runtime does for `update`, reporting back with ``Message``s.
enum Effect: Hashable, Sendable {
    case loadFolder(path: String)
    case startRun(runID: Int, workflowPath: String, params: [String: ParamValue])
    case cancelRun(runID: Int)
    case download(runID: Int, urls: [String])
    case quit
}
