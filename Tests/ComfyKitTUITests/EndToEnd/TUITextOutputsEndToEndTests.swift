import ComfyKitTesting
import Foundation
import Testing

/// Issue 11, item 1, through the terminal: a workflow whose outputs are text shows them on the run panel and the
/// runs screen, and `d` saves the highlighted one as `.txt`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUITextOutputsEndToEndTests {
    @Test func textOutputsAreShownAndSavedAsTxt() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(server: double.baseURL) { tui, workspace in
                try await tui.waitForScreen("the list") { $0.contains("09_text_output") }
                try await tui.press("/")
                try await tui.type("09_text")
                try await tui.press("Enter")
                try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the 09 form") { $0.contains("suffix") }
                try await tui.type("hi")
                try await tui.waitForScreen("the typed text") { $0.contains("string hi") }
                try await tui.press("Enter")
                let panel = try await tui.waitForScreen("the texts on the run panel", within: 20) {
                    $0.contains("completed") && $0.contains("text: hi, world")
                }
                #expect(panel.contains("number: "))
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("o runs") }
                try await tui.press("o")
                let runs = try await tui.waitForScreen("the runs screen") { $0.contains("─ outputs (2)") }
                #expect(!runs.contains("produced no"))
                try await tui.press("d")
                let screen = try await tui.waitForScreen("the saved text") { $0.contains("✓ saved ") }
                let path = try #require(screen.firstMatch(of: /✓ saved (\/\S+\.txt)/).map { String($0.1) })
                #expect(path.hasPrefix(workspace.downloads.path))
                let saved = try String(contentsOfFile: path, encoding: .utf8)
                #expect(path.hasSuffix("/number.txt") ? saved == "42" : saved.contains("hi, world"), "\(path): \(saved)")
            }
        }
    }
}
