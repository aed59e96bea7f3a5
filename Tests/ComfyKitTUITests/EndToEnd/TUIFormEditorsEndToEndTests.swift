import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// The real `comfykit-tui` in tmux against the double: a combo value picked from the server's choices, a media
/// path completed with Tab, a multi-line CJK prompt; each checked in the prompt the double received.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIFormEditorsEndToEndTests {
    @Test func aPickedChoiceACompletedPathAndAMultiLinePromptReachTheServer() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(server: double.baseURL) { tui, _ in
                try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
                try await pickAChoiceAndCompleteAPath(tui, server: double.baseURL)
                try await enterAMultiLinePrompt(tui, server: double.baseURL)
            }
        }
    }

    private func pickAChoiceAndCompleteAPath(_ tui: TmuxSession, server: URL) async throws {
        try await openWorkflow("02_load_transform_save", in: tui)
        // The server's catalog arrives after the first probe: the combo shows its choice count.
        try await tui.waitForScreen("the method's choices from object_info") { $0.contains("▾ 5 choices") }
        let media = SharedFixtures.mediaDirectory.path
        try await tui.type(media + "/comfykit_te")
        try await tui.press("Tab")
        // Two files start with it: the common part is completed and the candidates listed; Tab again takes the first.
        try await tui.waitForScreen("the candidates") { $0.contains("comfykit_test.png  comfykit_test_alpha.png") }
        try await tui.press("Tab")
        try await tui.waitForScreen("the completed path") { $0.contains("comfykit_test.png") && $0.contains("local file, uploaded") }
        try await tui.press("Down", "Down", "Down")
        try await tui.waitForScreen("the method field focused") { $0.contains("Space choices") }
        try await tui.press("Space")
        try await tui.waitForScreen("the picker") { $0.contains("method: 5/5") && $0.contains("› bilinear") }
        try await tui.type("lanc")
        try await tui.waitForScreen("the narrowed picker") { $0.contains("method: 1/5") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the picked value") { $0.contains("method = lanczos") && !$0.contains("method: 1/5") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the run's output") { $0.contains("completed") && $0.contains("→ ") }
        let prompts = try await promptInputs(server: server)
        #expect(prompts.count == 1)
        #expect(prompts.first?["3"]?["upscale_method"] == "lanczos")
        #expect(prompts.first?["1"]?["image"]?.stringValue?.hasPrefix("comfykit_test") == true)
        try await tui.press("Escape")
        try await tui.waitForScreen("the filtered list") { $0.contains("⏎ open") }
        try await tui.press("Escape")
        try await tui.waitForScreen("the whole list") { $0.contains("00_broken") }
    }

    private func enterAMultiLinePrompt(_ tui: TmuxSession, server: URL) async throws {
        try await openWorkflow("09_text_output", in: tui)
        try await tui.waitForScreen("the text form") { $0.contains("^O edit lines") }
        try await tui.press("C-o")
        try await tui.waitForScreen("the editor") { $0.contains("Esc/^O done") }
        try await tui.type("a fox in the snow,")
        try await tui.press("Enter")
        try await tui.type("雪の中の狐 🦊")
        try await tui.waitForScreen("two lines in the editor") { $0.contains("text — 2 lines") && $0.contains("│ 雪の中の狐 🦊") }
        try await tui.press("Escape")
        try await tui.waitForScreen("the form with a one-line preview") { $0.contains("a fox in the snow,⏎雪の中の狐") }
        try await tui.press("Enter")
        // The first run's "completed" may still be on screen: the server's history says when the second has ended.
        let prompts = try await eventually("the second prompt in the server's history") {
            let prompts = try await promptInputs(server: server)
            return prompts.count >= 2 ? prompts : nil
        }
        try await tui.waitForScreen("the run's end") { $0.contains("completed") }
        #expect(prompts.count == 2)
        #expect(prompts.contains { $0["1"]?["value"] == "a fox in the snow,\n雪の中の狐 🦊" })
    }

    /// The node inputs of every prompt in the double's `/history`.
    private func promptInputs(server: URL) async throws -> [[String: JSONValue]] {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("history").absoluteString])
        let history = try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue)
        return history.values.compactMap { entry in
            guard let prompt = entry["prompt"]?.arrayValue, prompt.count > 2, let nodes = prompt[2].objectValue else { return nil }
            return Dictionary(uniqueKeysWithValues: nodes.map { ($0.key, $0.value["inputs"] ?? .null) })
        }
    }
}
