import ComfyKitTesting
import Foundation
import Testing

/// Drives the real `comfykit-tui` in tmux against the `comfyui-double` executable.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIEndToEndTests {
    /// A server URL nothing listens on, for tests that need no server.
    static let unreachableServer = URL(string: "http://127.0.0.1:9")!

    @Test func listFormRunProgressAndDownloadWorkAgainstTheDouble() async throws {
        try await withComfyUIDoubleProcess(["--progress-steps", "ImageUpscaleWithModel=40", "--progress-ms", "60"]) { double in
            try await withTUI(server: double.baseURL) { tui, workspace in
                try await listShowsWorkflowsAndTheBrokenFilesReason(tui)
                try await quickRunNeedsItsRequiredFieldsThenCompletes(tui)
                try await progressAdvancesAndTheDownloadMatchesTheServersBytes(tui, workspace: workspace, server: double.baseURL)
            }
        }
    }

    @Test func resizeBelowTheMinimumShowsAMessageAndGrowingBackRedraws() async throws {
        try await withTUI(server: Self.unreachableServer) { tui, _ in
            try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
            try await tui.resize(width: 50, height: 12)
            try await tui.waitForScreen("the list at 50×12") { $0.contains("01_empty_image_save") && !$0.contains("too small") }
            try await tui.resize(width: 30, height: 8)
            try await tui.waitForScreen("the too-small message") { $0.contains("terminal too small") }
            try await tui.resize(width: 110, height: 32)
            try await tui.waitForScreen("the full list again") {
                $0.contains("21_progress_upscale_tiny_model") && $0.contains("q quit") && !$0.contains("too small")
            }
        }
    }

    @Test func ctrlCExitsAndLeavesTheTerminalInCanonicalEchoMode() async throws {
        // `trap : INT` keeps the wrapper alive past the Ctrl-C so it can report how the app left the tty.
        try await withTUI(command: { "trap : INT; " + $0.reportingExitAndTTY($0.tuiCommand(server: Self.unreachableServer)) }) { tui, workspace in
            let status = workspace.exitStatusFile, stty = workspace.ttySettingsFile
            try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
            try await tui.press("C-c")
            let settings = try await eventually("stty output after Ctrl-C") {
                try? String(contentsOf: stty, encoding: .utf8).nonEmpty
            }
            let flags = Set(settings.split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init))
            #expect(flags.isSuperset(of: ["icanon", "echo"]), "tty left as: \(settings)")
            #expect(flags.isDisjoint(with: ["-icanon", "-echo"]), "tty left as: \(settings)")
            let exit = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(exit == "130")
            try await eventually("the session to end") { try await tui.isAlive() ? nil : true }
        }
    }

    // MARK: - Steps of the run test

    private func listShowsWorkflowsAndTheBrokenFilesReason(_ tui: TmuxSession) async throws {
        let screen = try await tui.waitForScreen("the workflow list") { $0.contains("21_progress_upscale_tiny_model") }
        #expect(screen.contains("01_empty_image_save") && screen.contains("3 params (2 required) → result"))
        let broken = screen.split(separator: "\n").first { $0.contains("00_broken") }.map(String.init) ?? ""
        #expect(broken.contains("✗") && broken.contains("invalid JSON"), "broken line: \(broken)")
    }

    private func quickRunNeedsItsRequiredFieldsThenCompletes(_ tui: TmuxSession) async throws {
        try await openWorkflow("01_empty_image_save", in: tui)
        // Waits for the whole form: under load, tmux captured it once with its last field not yet drawn.
        let form = try await tui.waitForScreen("the 01 form") { $0.contains("height *") && $0.contains("color    int") }
        #expect(form.contains("width *"))
        try await tui.press("Enter")
        // Waits for the whole frame: under load, tmux can capture it half drawn.
        let errors = try await tui.waitForScreen("inline required errors") {
            $0.contains("need a value") && $0.split(separator: "\n").count { $0.contains("✗ required") } >= 2
        }
        #expect(errors.split(separator: "\n").count { $0.contains("✗ required") } == 2)
        try await tui.type("32")
        try await tui.press("Tab")
        try await tui.type("16")
        try await tui.press("Enter")
        try await tui.waitForScreen("the quick run's output") { $0.contains("completed") && $0.contains("→ ") && $0.contains("empty_") }
        try await backToTheUnfilteredList(tui)
    }

    private func progressAdvancesAndTheDownloadMatchesTheServersBytes(_ tui: TmuxSession, workspace: TUIWorkspace, server: URL) async throws {
        try await openWorkflow("21_progress_upscale_tiny_model", in: tui)
        try await tui.waitForScreen("the 21 form") { $0.contains("image *") }
        try await tui.type("comfykit_test.png")
        try await tui.press("Enter")
        let first = try await eventually("a step percentage mid-run") {
            try await stepPercent(tui).flatMap { (1..<100).contains($0) ? $0 : nil }
        }
        let second = try await eventually("a later step percentage") {
            try await stepPercent(tui).flatMap { $0 > first ? $0 : nil }
        }
        #expect(second > first)
        let done = try await tui.waitForScreen("the upscale's output") { $0.contains("completed") && $0.contains("upscaled_") }
        // The panel names the file (`subfolder/name`); the server serves it at /view.
        let file = try #require(done.firstMatch(of: /→ (\S*upscaled_\S+)/).map { String($0.1) })
        let (folder, name) = file.contains("/") ? (String(file[..<file.lastIndex(of: "/")!]), String(file[file.index(after: file.lastIndex(of: "/")!)...])) : ("", file)
        var view = try #require(URLComponents(url: server.appendingPathComponent("view"), resolvingAgainstBaseURL: false))
        view.queryItems = [URLQueryItem(name: "filename", value: name), URLQueryItem(name: "subfolder", value: folder), URLQueryItem(name: "type", value: "output")]
        let url = try #require(view.string)
        try await tui.press("Escape")
        try await tui.waitForScreen("the list") { $0.contains("d download") }
        try await tui.press("d")
        let saved = try await tui.waitForScreen("the saved path") { $0.contains("saved ") }
        let path = try #require(saved.firstMatch(of: /saved (\/[^\n]+)/).map { String($0.1).trimmingCharacters(in: .whitespaces) })
        #expect(path.hasPrefix(workspace.downloads.path))
        let served = try await Subprocess.run("curl", ["-sf", url])
        #expect(served.status == 0 && !served.standardOutput.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == served.standardOutput)
    }

    /// Esc leaves the form, a second Esc clears the filter; each waits so the ESC is never read as Alt+key.
    private func backToTheUnfilteredList(_ tui: TmuxSession) async throws {
        try await tui.press("Escape")
        try await tui.waitForScreen("the filtered list") { $0.contains("⏎ open") }
        try await tui.press("Escape")
        try await tui.waitForScreen("the whole list") { $0.contains("21_progress_upscale_tiny_model") && $0.contains("00_broken") }
    }

    /// The step bar's percentage, if the run panel shows one.
    private func stepPercent(_ tui: TmuxSession) async throws -> Int? {
        let line = try await tui.capture().split(separator: "\n").first { $0.hasPrefix(" steps") }
        return line.flatMap { $0.firstMatch(of: /(\d+)%/) }.flatMap { Int($0.1) }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
