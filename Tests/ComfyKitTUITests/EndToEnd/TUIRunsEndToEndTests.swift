import ComfyKitTesting
import Foundation
import Testing

/// The real `comfykit-tui` in tmux: mouse reports move the highlight, a workflow file added while it runs is
/// listed on its own, the runs screen downloads one chosen output and copies its URL with OSC 52, and the log
/// file gets the lines, not the screen.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIRunsEndToEndTests {
    @Test func newFilesAppearAndTheRunsScreenDownloadsAndCopiesOneOutput() async throws {
        try await withComfyUIDoubleProcess(["--file-bytes", "250000"]) { double in
            try await withTUI(server: double.baseURL) { tui, workspace in
                try await tui.acceptClipboard()
                try await aClickAndTheWheelMoveTheHighlight(tui)
                try await aNewWorkflowFileIsListedWithoutARescanKey(tui, workspace: workspace)
                try await theRunsScreenDownloadsTheHighlightedOutputAndCopiesItsURL(tui, workspace: workspace)
                try await quittingLeavesTheLogInTheStateFolder(tui, workspace: workspace)
            }
        }
    }

    private func aClickAndTheWheelMoveTheHighlight(_ tui: TmuxSession) async throws {
        try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
        try await tui.mouse(button: 0, column: 5, row: 4)  // row 1 is 00_broken: row 4 is the fourth file
        try await tui.waitForScreen("the clicked row highlighted") { $0.contains("› 03_preview_image") }
        try await tui.mouse(button: 65, column: 5, row: 10)
        try await tui.waitForScreen("the wheel's move") { $0.contains("› 04_multi_output") }
        try await tui.mouse(button: 64, column: 5, row: 10)
        try await tui.mouse(button: 64, column: 5, row: 10)
        try await tui.waitForScreen("the wheel back up") { $0.contains("› 02_load_transform_save") }
    }

    private func aNewWorkflowFileIsListedWithoutARescanKey(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
        let source = workspace.workflows.appendingPathComponent("01_empty_image_save.json")
        try FileManager.default.copyItem(at: source, to: workspace.workflows.appendingPathComponent("zz_added_later.json"))
        let screen = try await tui.waitForScreen("the added file, listed on its own", within: 5) { $0.contains("zz_added_later") }
        #expect(screen.contains("folder changed: 24 workflow(s), 1 broken"))
        try FileManager.default.removeItem(at: workspace.workflows.appendingPathComponent("zz_added_later.json"))
        try await tui.waitForScreen("the removed file, gone", within: 5) { !$0.contains("zz_added_later") }
    }

    private func theRunsScreenDownloadsTheHighlightedOutputAndCopiesItsURL(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        try await tui.press("/")
        try await tui.type("04_multi_output")
        try await tui.waitForScreen("the filter") { $0.contains("/04_multi_output") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the 04 form") { $0.contains("image *") }
        try await tui.type("comfykit_test.png")
        try await tui.press("Enter")
        try await tui.waitForScreen("the run's outputs", within: 20) { $0.contains("completed") && $0.contains("→ ") && $0.contains(".png") }
        try await tui.press("Escape")
        try await tui.waitForScreen("the list") { $0.contains("o runs") }
        try await tui.press("o")
        let runs = try await tui.waitForScreen("the runs screen") { $0.contains("─ outputs") && $0.contains("y copy URL") }
        #expect(runs.contains(" original") && runs.contains(" inverted") && runs.contains(" batch"))
        try await tui.press("j")
        let chosen = try await tui.waitForScreen("the second output highlighted") {
            $0.split(separator: "\n").contains { $0.contains("› ") && $0.contains("inverted_") && !$0.contains("http") }
        }
        // The list names the file; its whole URL is on the details line under the list.
        let url = try #require(chosen.firstMatch(of: /(http:\/\/127\.0\.0\.1:\d+\/view\?filename=inverted_\S+)/).map { String($0.1) })
        try await tui.press("Enter")
        let saved = try await tui.waitForScreen("the saved path under the URL") { $0.contains("✓ saved ") }
        let path = try #require(saved.firstMatch(of: /✓ saved (\/\S+)/).map { String($0.1) })
        #expect(path.hasPrefix(workspace.downloads.path))
        let served = try await Subprocess.run("curl", ["-sf", url])
        #expect(served.status == 0 && served.standardOutput.count == 250_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == served.standardOutput)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.downloads.path)
        #expect(files.count == 1, "only the highlighted output was downloaded: \(files)")

        try await tui.press("y")
        try await tui.waitForScreen("the copy's status") { $0.contains("copied to the clipboard") }
        let buffer = try await eventually("tmux's paste buffer") { try await tui.pasteBuffer() }
        #expect(buffer == url)
    }

    private func quittingLeavesTheLogInTheStateFolder(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        try await tui.press("q")
        try await eventually("the app to quit") { try await tui.isAlive() ? nil : true }
        let log = workspace.root.appendingPathComponent("state/comfykit/comfykit-tui.log")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("info comfykit-tui: comfykit-tui started"))
        #expect(text.contains("info comfykit-tui: run started"))
        #expect(text.contains("info comfykit-tui: run finished") && text.contains("status=completed"))
        #expect(text.contains("info comfykit-tui: download saved"))
        #expect(text.contains("info comfykit-tui: comfykit-tui quit"))
    }
}
