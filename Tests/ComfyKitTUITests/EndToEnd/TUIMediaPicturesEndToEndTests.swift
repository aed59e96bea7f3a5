import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 12 in tmux (symbols, read back with `capture-pane -e`): a video run's outputs are drawn by their first
/// frame, marked "▶ video"; a sound run's as braille waveforms with their caption, on the runs screen and in `v`.
/// The double serves the real fixtures (`Tests/Fixtures/outputs`).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIMediaPicturesTmuxTests {
    /// A recorded workflow as `name.json` with its required fields made optional, so Enter runs it as it is.
    private static func command(_ workspace: TUIWorkspace, server: URL, workflow: String, name: String) -> String {
        if var text = try? String(contentsOf: SharedFixtures.workflow(workflow), encoding: .utf8) {
            text = text.replacingOccurrences(of: "!", with: "")
            try? Data(text.utf8).write(to: workspace.workflows.appendingPathComponent(name + ".json"))
        }
        return "unset NO_COLOR; " + workspace.tuiCommand(server: server) + "; sleep 60"
    }

    /// Opens the workflow, runs it, waits for it to complete and opens the runs screen.
    private func runAndOpenTheRunsScreen(_ name: String, _ tui: TmuxSession) async throws {
        try await tui.waitForScreen("the list") { $0.contains(name) }
        try await openWorkflow(name, in: tui)
        try await tui.waitForScreen("the form") { $0.contains("⏎ run") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the run completed", within: 20) { $0.contains("completed") }
        try await tui.press("Escape")
        try await tui.press("o")
        try await tui.waitForScreen("the runs screen") { $0.contains("─ outputs") }
    }

    /// The screen once `test` holds for it, read with its styles; on timeout the error shows the last one.
    private func waitForStyled(_ tui: TmuxSession, _ what: String, _ test: @escaping (String) -> Bool) async throws -> String {
        var last = ""
        do {
            return try await eventually(what, within: 20) {
                last = try await tui.captureWithStyles()
                return test(last) ? last : nil
            }
        } catch {
            throw HarnessFailure("timed out waiting for \(what); screen:\n" + last.replacingOccurrences(of: "\u{1B}", with: "^["))
        }
    }

    @Test func aVideoRunsThumbnailsAreItsFirstFramesInSymbolsMarkedAsVideo() async throws {
        // The first frame's colours as the app draws them in 256 colours (the fixtures' first half is #E03020).
        let frame = try VideoFrameDecoder.firstFrame([UInt8](Data(contentsOf: SharedFixtures.output("video.mp4"))), format: .mp4, fitting: nil)
        let colours = Set((0..<frame.height).flatMap { y in (0..<frame.width).map { x in PicturePairs.nearest(frame.pixel(x: x, y: y), colors: 256) } })
        let marks = colours.flatMap { ["38;5;\($0)m", "38;5;\($0);", "48;5;\($0)m", "48;5;\($0);"] }
        let framedRows = { (screen: String) in
            screen.split(separator: "\n", omittingEmptySubsequences: false).filter { row in marks.contains { row.contains($0) } }.count
        }
        try await withComfyUIDoubleProcess { double in
            try await withTUI(command: { Self.command($0, server: double.baseURL, workflow: "06_video_mp4_webm", name: "media_video") }) { tui, _ in
                try await runAndOpenTheRunsScreen("media_video", tui)
                let runs = try await waitForStyled(tui, "the first frames' symbols") { framedRows($0) >= 4 }
                let plain = try await tui.capture()
                #expect(plain.components(separatedBy: "▶ video").count - 1 == 2, "both videos are marked:\n\(plain)")
                #expect(!plain.contains("✗"), "no placeholder:\n\(plain)")
                #expect(framedRows(runs) >= 4)
            }
        }
    }

    @Test func aSoundRunsThumbnailsAreWaveformsAndVShowsOneWithItsCaption() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(command: { Self.command($0, server: double.baseURL, workflow: "07_audio_generated", name: "media_sound") }) { tui, _ in
                try await runAndOpenTheRunsScreen("media_sound", tui)
                // Half-scale sines: full braille cells across the middle of each thumbnail.
                let runs = try await waitForStyled(tui, "the waveforms") { $0.contains("⣿⣿⣿⣿") }
                #expect(!runs.contains("✗"), "no placeholder:\n\(runs)")
                try await tui.press("v")
                let viewer = try await waitForStyled(tui, "the waveform in the whole window") { $0.contains(" kHz · ") }
                let rows = viewer.split(separator: "\n", omittingEmptySubsequences: false)
                let waveformRows = rows.filter { $0.contains(String(repeating: "⣿", count: 60)) }
                #expect(waveformRows.count >= 4, "the waveform fills the window's width:\n\(viewer)")
                let plain = try await tui.capture()
                #expect(plain.contains("1.0 s · "), "the caption:\n\(plain)")
            }
        }
    }
}
