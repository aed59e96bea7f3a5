import ComfyKit

/// One workflow file in the folder: loaded with its DSL, broken with the reason, or listed and still being read.
struct WorkflowEntry: Hashable, Sendable {
    enum Content: Hashable, Sendable {
        /// Listed from the directory; its file is not read yet.
        case loading
        case ready(WorkflowSpec)
        case broken(reason: String)
    }

    let path: String
    /// The subfolder it sits in, relative to the folder; empty at the top.
    let group: String
    let name: String
    var content: Content

    var spec: WorkflowSpec? {
        if case .ready(let spec) = content { spec } else { nil }
    }

    /// `"no-model/solid_color"`: what the filter matches and the list shows.
    var displayName: String { group.isEmpty ? name : "\(group)/\(name)" }
}
