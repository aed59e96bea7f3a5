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
}
