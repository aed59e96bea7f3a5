import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// The real `comfykit-tui` in tmux: `Q` shows a prompt another client runs next to ours, and cancels ours.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIQueueEndToEndTests {
    @Test func theQueueScreenShowsAnotherClientsPromptAndCancelsOurs() async throws {
        try await withComfyUIDoubleProcess(["--slow", "ImageBlur=8000"]) { double in
            let other = try ComfyKit(baseURL: double.baseURL, environment: [:])
            let theirs = other.run(.file(path: SharedFixtures.workflow("02_load_transform_save").path),
                                   params: ["image": .string(SharedFixtures.media("comfykit_test.png").path)])
            let theirID = try await eventually("their prompt runs") { try await other.client.queue().running.first?.promptID }
            try await withCleanup({ theirs.cancel(); _ = await theirs.result; await other.close() }) {
                try await withTUI(server: double.baseURL) { tui, _ in
                    try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
                    try await openWorkflow("03_preview_image", in: tui)
                    try await tui.waitForScreen("the 03 form") { $0.contains("⏎ run") }
                    try await tui.press("Enter")
                    try await tui.waitForScreen("our run waiting behind theirs", within: 10) { $0.contains("queued (next)") }
                    try await tui.press("Escape")
                    try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                    try await tui.press("Q")
                    let screen = try await tui.waitForScreen("the server's queue") {
                        $0.contains("─ running (1)") && $0.contains("─ pending (1)") && $0.contains("Esc back")
                    }
                    let lines = screen.split(separator: "\n")
                    let theirLine = lines.first { $0.contains(theirID.prefix(8)) }.map(String.init) ?? ""
                    #expect(theirLine.contains("running") && theirLine.contains("another client"), "\(theirLine)")
                    let ourLine = lines.first { $0.contains("#1 03_preview_image") }.map(String.init) ?? ""
                    #expect(ourLine.contains("●") && ourLine.contains("pending"), "\(screen)")

                    try await tui.press("Down")
                    try await tui.press("x")
                    try await tui.waitForScreen("the question") { $0.contains("cancel run #1 (03_preview_image) on the server?") }
                    try await tui.press("y")
                    // Asked again within 2 s: our prompt has left the server's queue.
                    let after = try await tui.waitForScreen("our prompt gone from the queue", within: 10) {
                        $0.contains("─ pending (0)") && $0.contains("─ running (1)")
                    }
                    #expect(!after.split(separator: "\n").contains { $0.contains("●") && $0.contains("#1 03_preview_image") }, "\(after)")
                    try await tui.press("Escape")
                    try await tui.waitForScreen("the list, our run cancelled") { $0.contains("⏎ open") && $0.contains("interrupted") }
                }
            }
        }
    }
}
