import Foundation

extension WorkflowFolder {
    /// Reads the listed entries on up to `width` tasks at once (one per core by default), handing each
    /// `batchSize` finished entries to `report` as they come; returns them all in the listing's order.
    func read(_ listed: [WorkflowEntry], width: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 64,
              report: @Sendable ([WorkflowEntry]) -> Void) async -> [WorkflowEntry] {
        var entries = listed
        var batch: [WorkflowEntry] = []
        await withTaskGroup(of: (Int, WorkflowEntry).self) { group in
            var next = 0
            func startNext() {
                guard next < listed.count else { return }
                let index = next, entry = listed[index]
                next += 1
                group.addTask { [self] in (index, read(entry)) }
            }
            for _ in 0..<max(1, width) { startNext() }
            for await (index, entry) in group {
                entries[index] = entry
                batch.append(entry)
                if batch.count >= batchSize {
                    report(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                startNext()
            }
        }
        if !batch.isEmpty { report(batch) }
        return entries
    }
}
