import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Issue 16, part 1 in the form, through the real `comfykit-tui`: ^T on a field, three values, ⏎ — three runs
/// finish, each with its value, and the double ran three prompts with those values.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUISweepEndToEndTests {
    /// The text input of every prompt the double ran.
    private func promptTexts(on server: URL) async throws -> [String] {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("history").absoluteString])
        let history = try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue)
        return history.values.compactMap { entry -> String? in
            guard case .array(let prompt)? = entry.objectValue?["prompt"], prompt.count > 2,
                  case .string(let text)? = prompt[2].objectValue?["1"]?.objectValue?["inputs"]?.objectValue?["value"] else { return nil }
            return text
        }
    }

    @Test func aSweepOfThreeValuesFromTheFormRunsThreePromptsEachWithItsValue() async throws {
        try await withComfyUIDoubleProcess { server in
            try await withTUI(server: server.baseURL) { tui, _ in
                try await tui.waitForScreen("the list") { $0.contains("09_text_output") }
                try await openWorkflow("09_text_output", in: tui)
                try await tui.waitForScreen("the form") { $0.contains("› text") }
                try await tui.press("C-t")
                try await tui.waitForScreen("the values line") { $0.contains("› values for text:") }
                try await tui.press("C-u")
                try await tui.type("alpha,beta,gamma")
                try await tui.waitForScreen("the count of prompts before Enter") { $0.contains("sweep: ⏎ sends 3 prompts") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the sweep started") { $0.contains("sweep of 3 prompt(s) started") }
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                try await tui.press("o")
                let table = try await tui.waitForScreen("every prompt completed, with its value", within: 30) {
                    $0.contains("sweep: 3 prompts, 3 completed")
                }
                for value in ["alpha", "beta", "gamma"] {
                    #expect(table.split(separator: "\n").contains { $0.contains("text=\(value)") && $0.contains("completed") })
                }
                #expect(try await promptTexts(on: server.baseURL).sorted() == ["alpha", "beta", "gamma"])
            }
        }
    }
}
