import ComfyKitPictures
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Issue 12, `comfykit run --show`: the output images drawn after the result in a terminal (symbols inside tmux
/// without passthrough), and never into a pipe or between NDJSON lines.
@Suite(.enabled(if: TmuxSession.isAvailable)) struct RunShowTests {
    static let canvas = SharedFixtures.workflow("01_empty_image_save").path

    @Test func inTmuxTheRedCanvasIsDrawnInRedSymbolsAfterTheResult() async throws {
        try await withComfyUIDouble { double in
            // As a user's terminal: without the NO_COLOR a test runner may set (it would make the symbols monochrome).
            let command = "env -u NO_COLOR -u COMFYKIT_IMAGES \(Subprocess.product("comfykit").path) run --no-history --show \(Self.canvas) -p width=64 -p height=48 "
                + "--server \(double.baseURL.absoluteString); sleep 60"
            try await withTUI(command: { _ in command }, width: 60, height: 40) { tmux, _ in
                // Fitted to 60 columns and the 40-row window less 2 (tmux does not tell its cell size: 10×20 pixels).
                let rows = PictureEncoder(choice: PictureChoice(picture: .symbols, passthrough: false, monochrome: false, reason: ""),
                                          cellSize: .fallback).fittedCells(width: 64, height: 48, columns: 60, rows: 38).rows
                // 0xFF0000 is the workflow's colour: every row of the picture is red (in the foreground or the background).
                var last = ""
                let styled: String
                do {
                    styled = try await eventually("\(rows) red rows", within: 10) {
                        last = try await tmux.captureWithStyles()
                        return last.split(separator: "\n").filter { $0.contains("8;2;255;0;0m") }.count == rows ? last : nil
                    }
                } catch {
                    Issue.record("\(error); the screen:\n\(last)")
                    return
                }
                let styledLines = styled.split(separator: "\n", omittingEmptySubsequences: false)
                let screen = try await tmux.capture()
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                let name = try #require(lines.firstIndex { $0.hasSuffix(".png") && !$0.contains("view?") && !$0.contains("(image)") }, "\(screen)")
                let result = try #require(lines.firstIndex { $0.contains("result (image)") }, "\(screen)")
                #expect(result < name)
                #expect(styledLines.firstIndex { $0.contains("8;2;255;0;0m") } == name + 1, "\(styled)")
                #expect(!styled.contains("\u{1B}_G") && !styled.contains("\u{1B}P"))
            }
        }
    }

    /// `comfykit run --show --images symbols` of a recorded workflow in a tmux window of `height` rows, its screen once `test`
    /// holds for it (read with styles).
    private func shown(_ workflow: String, _ params: [String], environment: String = "env -u NO_COLOR", height: Int = 70,
                       until what: String, _ test: @escaping (String) -> Bool) async throws -> String {
        try await withComfyUIDouble { double in
            let command = "\(environment) \(Subprocess.product("comfykit").path) run --no-history --show --images symbols "
                + "\(SharedFixtures.workflow(workflow).path) \(params.map { "-p " + $0 }.joined(separator: " ")) --server \(double.baseURL.absoluteString); sleep 60"
            return try await withTUI(command: { _ in command }, width: 100, height: height) { tmux, _ in
                var last = ""
                do {
                    return try await eventually(what, within: 15) {
                        last = try await tmux.captureWithStyles()
                        return test(last) ? last : nil
                    }
                } catch {
                    Issue.record("\(error); the screen:\n\(last)")
                    return last
                }
            }
        }
    }

    /// `screen` without its SGR sequences.
    private static func withoutStyles(_ screen: String) -> String {
        var plain = String.UnicodeScalarView()
        var inSequence = false
        for scalar in screen.unicodeScalars {
            if inSequence {
                inSequence = scalar != "m"
            } else if scalar == "\u{1B}" {
                inSequence = true
            } else {
                plain.append(scalar)
            }
        }
        return String(plain)
    }

    /// The truecolour cells (`…8;2;R;G;B`) of `screen`.
    private static func trueColours(_ screen: String) -> [RGB] {
        screen.components(separatedBy: "8;2;").dropFirst().compactMap { rest in
            let numbers = rest.prefix { $0.isNumber || $0 == ";" }.split(separator: ";").prefix(3).compactMap { UInt8($0) }
            return numbers.count == 3 ? RGB(red: numbers[0], green: numbers[1], blue: numbers[2]) : nil
        }
    }

    @Test func aVideoIsDrawnByItsFirstFrameUnderItsNameMarkedAsVideo() async throws {
        // The fixtures' first half is #E03020, their second #2040E0: red cells, no blue ones. Each frame fills the
        // 40-row window, so the screen holds the second video's name (on a line of its own) and its frame.
        let screen = try await shown("06_video_mp4_webm", ["width=64", "height=64"], height: 40, until: "a first frame") { screen in
            screen.contains("▶ video, its first frame") && Self.trueColours(screen).count > 20
        }
        let marked = Self.withoutStyles(screen).split(separator: "\n").filter { $0.contains("▶ video, its first frame") }
        #expect(marked.count == 1 && (marked[0] == "video_00001_.mp4  ▶ video, its first frame" || marked[0] == "webm_00001_.webm  ▶ video, its first frame"),
                "\(marked)")
        // chafa gives the spaces of its symbol art a black foreground, which shows nothing.
        let colours = Self.trueColours(screen).filter { $0 != RGB(red: 0, green: 0, blue: 0) }
        #expect(colours.count > 20 && colours.allSatisfy { $0.red > 180 && $0.green < 90 && $0.blue < 80 }, "\(Set(colours))")
    }

    @Test func aSoundIsDrawnAsAWaveformWithItsCaption() async throws {
        let screen = try await shown("07_audio_generated", ["duration=1"], until: "the waveforms") { screen in
            screen.contains("1.0 s · 22.05 kHz · stereo") && screen.contains("1.0 s · 48 kHz · mono")
        }
        let waveformRows = screen.split(separator: "\n").filter { $0.contains(String(repeating: "⣿", count: 90)) }
        // Six rows a sound, the middle half full at half scale: two full rows for each sound.
        #expect(waveformRows.count >= 6 && waveformRows.count % 2 == 0, "\(screen)")
        #expect(screen.contains("\u{1B}[36m"), "in colour:\n\(screen)")
    }

    @Test func underNoColorTheWaveformIsPlain() async throws {
        let screen = try await shown("07_audio_generated", ["duration=1"], environment: "env NO_COLOR=1", until: "the waveforms") { screen in
            screen.contains("1.0 s · 22.05 kHz · stereo")
        }
        #expect(screen.contains(String(repeating: "⣿", count: 90)), "\(screen)")
        #expect(!screen.contains("\u{1B}[36m"), "\(screen)")
    }

    @Test func aPipeGetsNoEscapeBytesAndStderrSaysWhyOnce() async throws {
        try await withComfyUIDouble { double in
            let output = try await Subprocess.run(product: "comfykit", ["run", "--no-history", "--show", "--images", "symbols", Self.canvas, "-p", "width=64", "-p", "height=48",
                                                                        "--server", double.baseURL.absoluteString])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("result (image)"))
            #expect(!output.stdout.contains("\u{1B}"))
            #expect(output.stderr.components(separatedBy: "--show draws nothing: stdout is not a terminal").count == 2, "\(output.stderr)")
        }
    }

    @Test func withJSONNothingIsDrawnAndStderrSaysSo() async throws {
        try await withComfyUIDouble { double in
            let output = try await Subprocess.run(product: "comfykit", ["run", "--no-history", "--json", "--show", Self.canvas, "-p", "width=64", "-p", "height=48",
                                                                        "--server", double.baseURL.absoluteString])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(!output.stdout.contains("\u{1B}"))
            #expect(output.stderr.contains("--show draws nothing with --json: stdout is NDJSON"))
        }
    }

    @Test func anUnknownImagesValueIsAUsageErrorNamingTheChoices() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["run", "--show", "--images", "png", Self.canvas])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--images png: expected one of auto, kitty, sixel, iterm, symbols, off"), "\(output.stderr)")
    }
}
