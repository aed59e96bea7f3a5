import ComfyKit

/// One workflow file in the folder: what was read of it (the workflow and its DSL, a RunningHub stub, or why it
/// is broken), or nothing yet.
struct WorkflowEntry: Hashable, Sendable {
    enum Content: Hashable, Sendable {
        /// Listed from the directory; its file is not read yet.
        case loading
        /// Read and parsed: a run starts from exactly this.
        case ready(ReadWorkflow)
        /// A `_source: runninghub` stub whose params are still to be read from RunningHub.
        case runningHubStub(RunningHubWorkflowID, stamp: FileStamp?)
        /// An editor-format file (`nodes`, `links`), converted once the server's `/object_info` is known.
        case waitingForCatalog(EditorWorkflow, stamp: FileStamp?)
        case broken(reason: String)
    }

    let path: String
    /// The subfolder it sits in, relative to the folder; empty at the top.
    let group: String
    let name: String
    var content: Content

    var spec: WorkflowSpec? {
        if case .ready(let read) = content { read.spec } else { nil }
    }

    /// `"no-model/solid_color"`: what the filter matches and the list shows.
    var displayName: String { group.isEmpty ? name : "\(group)/\(name)" }
}

extension WorkflowEntry.Content {
    /// Why the entry cannot be opened, `nil` when it can (or is still being read).
    var problem: String? {
        switch self {
        case .loading, .ready: nil
        case .runningHubStub(let id, _): "RunningHub workflow \(id): its params are read from RunningHub"
        case .waitingForCatalog: "an editor file: waiting for the server's /object_info to convert it"
        case .broken(let reason): reason
        }
    }
}

/// A workflow as it was read from its file: what its form shows and what a run of that form executes.
struct ReadWorkflow: Hashable, Sendable {
    /// The graph, and the RunningHub id for a resolved stub.
    let loaded: LoadedWorkflow
    let spec: WorkflowSpec
    /// The file when it was read, to tell the user it changed since.
    let stamp: FileStamp?
    /// Saved from the ComfyUI editor and converted to the API format: the list marks it.
    var isEditor = false
}

extension WorkflowEntry.Content {
    /// An editor file converted with `catalog`: ready, or broken with the reason; any other content as it is.
    func converted(with catalog: WidgetCatalog, path: String) -> WorkflowEntry.Content {
        guard case .waitingForCatalog(let editor, let stamp) = self else { return self }
        do {
            let workflow = try editor.workflow(catalog: catalog)
            return .ready(ReadWorkflow(loaded: LoadedWorkflow(workflow: workflow, runningHubID: nil),
                                       spec: try WorkflowSpec(workflow), stamp: stamp, isEditor: true))
        } catch {
            return .broken(reason: WorkflowFolder.reason(error, file: path))
        }
    }
}
