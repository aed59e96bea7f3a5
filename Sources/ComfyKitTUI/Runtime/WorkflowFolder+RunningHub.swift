import ComfyKit

extension WorkflowFolder {
    /// What a `_source: runninghub` stub shows until its params are read from RunningHub.
    static func unresolvedStub(_ id: RunningHubWorkflowID) -> String {
        "RunningHub workflow \(id): its params are read from RunningHub"
    }

    /// The entries with each RunningHub stub's params read from its cloud graph (its DSL titles); a stub that
    /// cannot be read (no key, wrong site, unknown id) stays broken with the reason.
    func resolvingStubs(in entries: [WorkflowEntry], with kit: ComfyKit) async -> [WorkflowEntry] {
        var entries = entries
        for index in entries.indices {
            // Stubs are the broken entries whose file reads as a RunningHub document.
            guard case .broken = entries[index].content,
                case .runningHub(let id, _)? = try? loader.loadFile(entries[index].path)
            else { continue }
            let entry = entries[index]
            let content: WorkflowEntry.Content
            do {
                content = .ready(try WorkflowSpec(try await kit.load(.runningHub(id)).workflow))
            } catch {
                content = .broken(reason: "RunningHub workflow \(id): \(error)")
            }
            entries[index] = WorkflowEntry(path: entry.path, group: entry.group, name: entry.name, content: content)
        }
        return entries
    }
}
