import ComfyKitTesting
import Foundation
import Testing

/// Issue 11, items 4 and 5, through the terminal: long names at 200 columns read whole and sort naturally, and
/// the header keeps its parts whole when the terminal narrows during a run.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUILayoutEndToEndTests {
    @Test func longNamesAndANarrowHeader() async throws {
        try await withComfyUIDoubleProcess(["--progress-steps", "ImageUpscaleWithModel=400", "--progress-ms", "50"]) { double in
            try await withTUI(server: double.baseURL, width: 200, height: 35) { tui, workspace in
                try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
                try await longNamesReadWholeAndSortNaturally(tui, workspace: workspace)
                try await theHeaderDropsPartsWholeWhenNarrow(tui, port: double.baseURL.port ?? 0)
            }
        }
    }

    private func longNamesReadWholeAndSortNaturally(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        let group = workspace.workflows.appendingPathComponent("group0")
        try FileManager.default.createDirectory(at: group, withIntermediateDirectories: true)
        let source = try Data(contentsOf: workspace.workflows.appendingPathComponent("01_empty_image_save.json"))
        for number in [9, 149] {
            try source.write(to: group.appendingPathComponent("very_long_workflow_name_number_\(number)_with_extra_words.json"))
        }
        let screen = try await tui.waitForScreen("the long names, whole", within: 8) {
            $0.contains("group0/very_long_workflow_name_number_149_with_extra_words")
        }
        let rows = screen.split(separator: "\n")
        let nine = try #require(rows.firstIndex { $0.contains("number_9_with") })
        let long = try #require(rows.firstIndex { $0.contains("number_149_with") })
        #expect(nine < long, "_9_ sorts before _149_")
        try await tui.resize(width: 70, height: 35)
        let narrow = try await tui.waitForScreen("the names cut in the middle") { $0.contains("…") && $0.contains("_149_with_extra_words") }
        #expect(!narrow.contains("very_long_workflow_name_ "))
        try await tui.resize(width: 200, height: 35)
    }

    private func theHeaderDropsPartsWholeWhenNarrow(_ tui: TmuxSession, port: Int) async throws {
        try await tui.press("/")
        try await tui.type("21_progress")
        try await tui.press("Enter")
        try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the 21 form") { $0.contains("image *") }
        try await tui.type("comfykit_test.png")
        try await tui.waitForScreen("the typed image") { $0.contains("comfykit_test.png") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the run going") { $0.contains("1 running") }
        for (width, height) in [(60, 15), (40, 10)] {
            try await tui.resize(width: width, height: height)
            let screen = try await tui.waitForScreen("the header at \(width)×\(height), its state and runs whole") {
                let header = $0.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
                return header.contains("● connected · queue") && header.trimmingCharacters(in: .whitespaces).hasSuffix("1 running")
            }
            let header = String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            #expect(header.contains("http://127.0.0.1:\(port)") || !header.contains("http"), "\(header)")
        }
        try await tui.press("C-x")
    }
}
