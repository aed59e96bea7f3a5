import ComfyKit
@testable import ComfyKitTUI

extension WorkflowFolder {
    /// Every file listed and read in one go, in listing order: the scan the app does in steps, for tests.
    func scan() throws(WorkflowFolderError) -> [WorkflowEntry] {
        try list().map(read)
    }

    /// ``scan()`` with each RunningHub stub's params read from its cloud graph, as the app's scan ends.
    func scan(resolvingStubsWith kit: ComfyKit) async throws(WorkflowFolderError) -> [WorkflowEntry] {
        await resolvingStubs(in: try scan(), with: kit)
    }
}
