import ComfyKitTesting
import Foundation
import Testing

/// `comfykit-tui` started with `COMFYUI_API_KEY` and `COMFYUI_COOKIES` set never shows them, through a run,
/// a refused run, the help overlay and a download, and leaves them in no file (forms.json, anything under
/// HOME or the XDG folders, the downloads). A server URL with a password is refused without showing it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUISecretsEndToEndTests {
    static let apiKey = "sk-tui-KEY-6021"
    static let cookie = "ck-tui-COOKIE-8830"
    static let password = "pw-tui-URL-4471"
    static let secrets = [apiKey, cookie, password]

    /// The secrets in the environment, and HOME and the remaining XDG folders inside the workspace.
    static func command(_ workspace: TUIWorkspace, server: URL) -> String {
        let environment = [
            "COMFYUI_API_KEY=" + apiKey, "COMFYUI_COOKIES=" + workspace.quoted("session=\(cookie); theme=dark"),
            "HOME=" + workspace.quoted(workspace.file("home").path), "XDG_CACHE_HOME=" + workspace.quoted(workspace.file("cache").path),
            "XDG_DATA_HOME=" + workspace.quoted(workspace.file("data").path),
        ]
        return "env " + environment.joined(separator: " ") + " " + workspace.tuiCommand(server: server)
    }

    @Test func noScreenAndNoFileShowsTheKeyOrCookies() async throws {
        try await withComfyUIDoubleProcess(["--fail-node", "PrimitiveString"]) { double in
            try await withTUI(command: { Self.command($0, server: double.baseURL) }) { tui, workspace in
                let screens = try await visitEveryScreen(tui)
                try expectNoSecret(on: screens, in: workspace)
            }
        }
    }

    /// A run, a download, the help overlay and a failed run: every screen on the way.
    private func visitEveryScreen(_ tui: TmuxSession) async throws -> [String] {
        var screens: [String] = []
        screens.append(try await tui.waitForScreen("the list") { $0.contains("01_empty_image_save") })
        try await openWorkflow("01_empty_image_save", in: tui)
        screens.append(try await tui.waitForScreen("the 01 form") { $0.contains("height *") })
        try await tui.type("32")
        try await tui.press("Tab")
        try await tui.type("16")
        try await tui.press("Enter")
        screens.append(try await tui.waitForScreen("the completed run") { $0.contains("completed") && $0.contains("empty_") })
        try await tui.press("Escape")
        screens.append(try await tui.waitForScreen("the list after the run") { $0.contains("d download") })
        try await tui.press("d")
        screens.append(try await tui.waitForScreen("the saved path") { $0.contains("saved ") })
        try await tui.press("?")
        screens.append(try await tui.waitForScreen("the help overlay") { $0.contains(" Keys ") })
        try await tui.press("Escape")
        try await tui.waitForScreen("the list without help") { !$0.contains(" Keys ") && $0.contains("⏎ open") }
        try await tui.press("Escape")
        try await tui.waitForScreen("the whole list") { $0.contains("21_progress_upscale_tiny_model") }
        // This one fails on the server (the double makes PrimitiveString raise): the failure shown on the
        // screen must not leak either. (Bad values are caught by the form before submitting, from /object_info.)
        try await openWorkflow("09_text_output", in: tui)
        screens.append(try await tui.waitForScreen("the 09 form") { $0.contains("text *") })
        try await tui.type("hello")
        try await tui.press("Enter")
        screens.append(try await tui.waitForScreen("the failure") { $0.contains("Injected failure") })
        try await tui.press("Escape")
        screens.append(try await tui.waitForScreen("the list after the failure") { $0.contains("⏎ open") })
        try await tui.press("q")
        try await eventually("the app to quit") { try await tui.isAlive() ? nil : true }
        return screens
    }

    /// No secret on any screen or in any file the app left; the form was remembered and the output saved.
    private func expectNoSecret(on screens: [String], in workspace: TUIWorkspace) throws {
        for screen in screens {
            #expect(Self.secrets.allSatisfy { !screen.contains($0) }, "\(screen)")
        }
        let forms = workspace.file("state/comfykit/forms.json")
        #expect(FileManager.default.fileExists(atPath: forms.path), "the run should have remembered its form")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.downloads.path).count == 1)
        let leaked = SecretFixtures.leaked(under: workspace.root, secrets: Self.secrets)
        #expect(leaked.isEmpty, "\(leaked)")
    }

    @Test func aServerURLWithAPasswordIsRefusedWithoutShowingIt() async throws {
        let server = URL(string: "http://user:\(Self.password)@127.0.0.1:9")!
        // `; sleep` keeps the pane open after the app exits, so its message can be read.
        let screen = try await withTUI(command: { Self.command($0, server: server) + "; echo exit=$?; sleep 30" }) { tui, _ in
            try await tui.waitForScreen("the refusal") { $0.contains("exit=") }
        }
        #expect(screen.contains("without user:password"), "\(screen)")
        #expect(!screen.contains("exit=0"))
        #expect(Self.secrets.allSatisfy { !screen.contains($0) }, "\(screen)")
    }
}
