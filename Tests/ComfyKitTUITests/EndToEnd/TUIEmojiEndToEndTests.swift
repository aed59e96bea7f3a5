import ComfyKitTesting
import Foundation
import Testing

/// Issue 11, item 7, through the terminal: emoji sequences (a skin tone, ZWJ families) are measured and drawn as the
/// terminal draws them — tmux 3.3 draws `👍🏽` four columns wide and joins a family into one cell (showing its
/// first three members) — so nothing is dropped, nothing after them moves, and `End` reaches the end.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIEmojiEndToEndTests {
    static let thumb = "A\u{1F44D}\u{1F3FD}B"
    static let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
    /// tmux 3.3 keeps at most this much of a joined sequence in a cell (the family's first three members).
    static let familyAsTmuxShowsIt = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}"

    /// text_concat (`suffix` is `$suffix.string_b`), saved as `emoji/A👍🏽B.json` with `suffix` set to `value`.
    static func writeWorkflow(suffix value: String, into workspace: TUIWorkspace) throws {
        let data = try Data(contentsOf: SharedFixtures.workflow("09_text_output.json"))
        var text = try #require(String(data: data, encoding: .utf8))
        text = text.replacingOccurrences(of: "\"string_b\": \"world\"", with: "\"string_b\": \"\(value)\"")
        #expect(text.contains(value), "the fixture's suffix default was replaced")
        let folder = workspace.workflows.appendingPathComponent("emoji")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(thumb + ".json"))
    }

    private func openEmojiWorkflow(_ tui: TmuxSession) async throws -> String {
        let list = try await tui.waitForScreen("the list") { $0.contains("emoji/") }
        try await openWorkflow("emoji", in: tui)
        try await tui.waitForScreen("the form") { $0.contains("suffix") }
        return list
    }

    @Test func aSkinToneKeepsItsModifierAndWhatFollowsIt() async throws {
        try await withTUI(command: { workspace in
            try? Self.writeWorkflow(suffix: Self.thumb + "|tail", into: workspace)
            return workspace.tuiCommand(server: URL(string: "http://127.0.0.1:9")!)
        }) { tui, _ in
            let list = try await openEmojiWorkflow(tui)
            #expect(list.contains("emoji/" + Self.thumb), "the list row keeps the modifier:\n\(list)")
            let form = try await tui.waitForScreen("the suffix") { $0.contains("suffix") && $0.contains("|tail") }
            let line = try #require(form.split(separator: "\n").first { $0.contains("suffix") })
            #expect(line.hasSuffix("string " + Self.thumb + "|tail"), "\(line)")
        }
    }

    @Test func thirtyFourFamiliesEndWithTheirTextAndTheFieldEditsAtTheEnd() async throws {
        try await withTUI(command: { workspace in
            try? Self.writeWorkflow(suffix: String(repeating: Self.family, count: 34) + "END", into: workspace)
            return workspace.tuiCommand(server: URL(string: "http://127.0.0.1:9")!)
        }) { tui, _ in
            _ = try await openEmojiWorkflow(tui)
            try await tui.press("Down")
            try await tui.press("End")
            try await tui.type("X")
            let form = try await tui.waitForScreen("the typed X after END") { $0.contains("ENDX") }
            let lines = form.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.first { $0.contains("ENDX") })
            // The end of the text and the typed character are where the terminal shows them, nothing stray after.
            // (Compared scalar by scalar: tmux's cut families run together into one grapheme cluster.)
            let ending = Array((Self.familyAsTmuxShowsIt + "ENDX").unicodeScalars)
            #expect(Array(line.unicodeScalars).suffix(ending.count) == ending[...], "\(line)")
            let row = try #require(lines.firstIndex { $0.contains("ENDX") })
            #expect(lines[row + 1].contains("number"), "the next field's row is intact: \(lines[row + 1])")
        }
    }
}
