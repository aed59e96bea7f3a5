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
