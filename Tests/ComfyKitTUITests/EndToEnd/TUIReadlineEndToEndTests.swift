import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Issue 12, part 6: the real `comfykit-tui` in tmux takes the readline keys tmux sends as a terminal does
/// (`C-a` as 0x01, `M-b` as ESC b) in the list's filter and in a form field, and the edited value reaches the double.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIReadlineEndToEndTests {
    @Test func readlineKeysEditTheFilterAndAFieldAndTheEditedValueIsSent() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(server: double.baseURL) { tui, _ in
                try await tui.waitForScreen("the list") { $0.contains("09_text_output") }
                try await tui.press("/")
                try await tui.type("text_output")
                try await tui.press("C-a")
                try await tui.type("09_")
                try await tui.waitForScreen("the filter edited at its start") { $0.contains("/09_▏text_output") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the form") { $0.contains("› text") && $0.contains("^O edit lines") }
                // "hello big world" → Alt-B before "world" → ^W cuts "big " → ^A and ">> " at the start.
                try await tui.type("hello big world")
                try await tui.press("M-b")
                try await tui.press("C-w")
                try await tui.press("C-a")
                try await tui.type(">> ")
                try await tui.waitForScreen("the edited field") { $0.contains(">> hello world") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the run's end") { $0.contains("completed") }
                let answer = try await Subprocess.run("curl", ["-sf", double.baseURL.appendingPathComponent("history").absoluteString])
                let history = try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue)
                let sent = history.values.compactMap { entry -> JSONValue? in
                    guard let prompt = entry["prompt"]?.arrayValue, prompt.count > 2 else { return nil }
                    return prompt[2].objectValue?["1"]?["inputs"]?["value"]
                }
                #expect(sent == [.string(">> hello world")])
            }
        }
    }
}
