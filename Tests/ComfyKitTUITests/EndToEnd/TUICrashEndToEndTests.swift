import ComfyKitTesting
import Foundation
import Testing

/// A crash (here a SIGSEGV sent from outside) restores the terminal and says where the log is; the details
/// went to the log, not over the screen.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUICrashEndToEndTests {
    @Test func aCrashRestoresTheTerminalAndPointsAtTheLog() async throws {
        try await withTUI(command: { $0.reportingExitAndTTY($0.tuiCommand(server: TUIEndToEndTests.unreachableServer)) + "; sleep 10" }) { tui, workspace in
            let status = workspace.exitStatusFile, stty = workspace.ttySettingsFile
            try await tui.waitForScreen("the list") { $0.contains("21_progress_upscale_tiny_model") }
            let shell = try await tui.panePID()
            let app = try await eventually("the app's process") { Self.child(of: shell) }
            #expect(kill(app, SIGSEGV) == 0)
            let screen = try await tui.waitForScreen("the crash notice") { $0.contains("stopped on an internal error") }
            let log = workspace.root.appendingPathComponent("state/comfykit/comfykit-tui.log").path
            #expect(screen.contains("details in " + log))
            let settings = try await eventually("stty output after the crash") {
                (try? String(contentsOf: stty, encoding: .utf8)).flatMap { $0.isEmpty ? nil : $0 }
            }
            let flags = Set(settings.split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init))
            #expect(flags.isSuperset(of: ["icanon", "echo"]), "tty left as: \(settings)")
            let exit = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(exit == "139", "killed by SIGSEGV, as before the handler")
        }
    }

    /// The first child of a process, from `/proc/PID/task/PID/children`.
    private static func child(of pid: Int32) -> Int32? {
        let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return text?.split(separator: " ").first.flatMap { Int32($0) }
    }
}
