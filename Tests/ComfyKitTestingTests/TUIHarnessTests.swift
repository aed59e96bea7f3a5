import ComfyKitTesting
import Foundation
import Testing

/// `withTUI` runs a command in tmux in a fresh workspace, and kills the session and removes the workspace after.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); skipped"))
struct TUIHarnessTests {
    @Test func theSessionIsKilledAndTheWorkspaceRemovedWhenTheBodyThrows() async throws {
        var session: TmuxSession?
        var root: URL?
        await expectPlannedFailure {
            try await withTUI(command: { _ in "echo ready; sleep 30" }) { tui, workspace in
                session = tui
                root = workspace.root
                try await tui.waitForScreen("the command's output") { $0.contains("ready") }
                #expect(FileManager.default.fileExists(atPath: workspace.workflows.appendingPathComponent(TUIWorkspace.brokenFileName).path))
                throw PlannedFailure()
            }
        }
        let tui = try #require(session)
        #expect(try await !tui.isAlive())
        #expect(!FileManager.default.fileExists(atPath: try #require(root).path))
    }
}
