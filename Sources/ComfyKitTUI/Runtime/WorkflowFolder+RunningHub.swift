import ComfyKit

extension WorkflowFolder {
    /// The entries with each RunningHub stub's params read from its cloud graph (its DSL titles); a stub that
    /// cannot be read (no key, wrong site, unknown id) becomes broken with the reason.
    func resolvingStubs(in entries: [WorkflowEntry], with kit: ComfyKit) async -> [WorkflowEntry] {
        var entries = entries
        for index in entries.indices {
            guard case .runningHubStub(let id, let stamp) = entries[index].content else { continue }
            entries[index].content = await Self.resolve(id, stamp: stamp, with: kit)
        }
        return entries
    }

    /// A stub's cloud graph and its DSL, or why it cannot be had.
    static func resolve(_ id: RunningHubWorkflowID, stamp: FileStamp?, with kit: ComfyKit) async -> WorkflowEntry.Content {
        do {
            let loaded = try await kit.load(.runningHub(id))
            return .ready(ReadWorkflow(loaded: loaded, spec: try WorkflowSpec(loaded.workflow), stamp: stamp))
        } catch {
            return .broken(reason: "RunningHub workflow \(id): \(error)")
        }
    }
}
