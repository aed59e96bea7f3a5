import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 12's live preview in a real terminal: `comfykit-tui` in tmux (symbols) against the double sending the real
/// SD1.5 run's four recorded preview frames, one a step, 1.5 s apart, and serving that run's output PNG. The run
/// panel shows a picture while the sampler runs, a different one a few steps later, and the output once it is done.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUILivePreviewEndToEndTests {
    static let workflowName = "sd15_recorded"
    /// The run panel's picture at 110×32 (as in ``PictureScenario``): its last 6 rows, 12 columns.
    static let picture = PictureScenario.panelPicture

    /// The recorded run's own workflow (`metadata.json`: KSampler with 4 steps), its prompt not required, so Enter runs it.
    static func writeWorkflow(into workspace: TUIWorkspace) throws {
        let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedFixtures.preview("metadata.json"))) as? [String: Any]
        let workflow = try #require(recording?["workflow"])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: workflow), as: UTF8.self)
            .replacingOccurrences(of: "$prompt.text!", with: "$prompt.text")
        try Data(text.utf8).write(to: workspace.workflows.appendingPathComponent(workflowName + ".json"))
    }

    @Test func theRunPanelShowsEachPreviewFrameWhileItSamplesThenTheOutput() async throws {
        try await withComfyUIDoubleProcess(["--previews", "recorded", "--image-output", "recorded", "--progress-ms", "1500"]) { double in
            let command: (TUIWorkspace) -> String = { workspace in
                try? Self.writeWorkflow(into: workspace)
                return "unset NO_COLOR; " + workspace.tuiCommand(server: double.baseURL) + "; sleep 60"
            }
            try await withTUI(command: command) { tui, _ in
                try await tui.waitForScreen("the list") { $0.contains(Self.workflowName) }
                try await openWorkflow(Self.workflowName, in: tui)
                try await tui.waitForScreen("the form") { $0.contains("⏎ run") }
                try await tui.press("Enter")

                let early = try await waitForPicture(tui, "a preview while the sampler is at step 1 or 2") { screen, cells in
                    Self.samplerStep(screen).map { $0 <= 2 } == true
                }
                let later = try await waitForPicture(tui, "another frame at step 3 or 4") { screen, cells in
                    Self.samplerStep(screen).map { $0 >= 3 } == true && !screen.contains("completed") && Self.differing(cells, early) > cells.count / 10
                }
                // The last frame stays until the output is fetched and drawn: then the panel's cells are the recorded
                // output PNG's, as the same libraries draw it here.
                let expected = try Self.expectedOutputColours()
                let output = try await waitForPicture(tui, "the recorded output once the run completed", within: 20) { screen, cells in
                    screen.contains("completed") && zip(cells, expected).filter { $0.background == $1 }.count >= expected.count * 3 / 4
                }
                #expect(Self.differing(output, later) > output.count / 2, "the output replaced the last preview frame")
            }
        }
    }

    /// Waits until the panel's picture rectangle is mostly coloured cells and `condition` holds for the screen's text
    /// and those cells; returns the cells.
    private func waitForPicture(_ tui: TmuxSession, _ what: String, within seconds: Double = 15,
                                _ condition: @escaping (String, [StyledCell]) -> Bool) async throws -> [StyledCell] {
        var last = ""
        do {
            return try await eventually(what, within: seconds) {
                last = try await tui.captureWithStyles()
                let cells = Self.pictureCells(last)
                let coloured = cells.filter { $0.background != nil }.count
                let text = Self.plain(last)
                return coloured >= cells.count * 3 / 4 && condition(text, cells) ? cells : nil
            }
        } catch {
            throw HarnessFailure("timed out waiting for \(what); screen:\n" + last.replacingOccurrences(of: "\u{1B}", with: "^["))
        }
    }

    /// The step the panel's node line shows for the sampler (`(KSampler)  2/4`).
    static func samplerStep(_ screen: String) -> Int? {
        guard let range = screen.range(of: "(KSampler)  ") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    static func differing(_ a: [StyledCell], _ b: [StyledCell]) -> Int {
        zip(a, b).filter { $0 != $1 }.count
    }

    /// The recorded output PNG as the TUI draws it in the panel's cells (symbols, 256 colours): each cell's
    /// background colour number, row by row.
    static func expectedOutputColours() throws -> [Int?] {
        let bytes = Array(try Data(contentsOf: SharedFixtures.preview("legacy_output.png")))
        let encoder = PictureEncoder(choice: PictureChoice(picture: .symbols, passthrough: false, monochrome: false, reason: "test"), cellSize: .fallback)
        let image = try PictureDecoder.decode(bytes, fitting: (width: picture.width * CellSize.fallback.width, height: picture.height * CellSize.fallback.height))
        guard case .symbols(let rows) = encoder.encode(image, columns: picture.width, rows: picture.height) else { return [] }
        return rows.joined().map { $0.background.map { PicturePairs.nearest($0, colors: 256) } }
    }

    /// The picture rectangle's cells of a `capture-pane -e` screen, row by row.
    static func pictureCells(_ screen: String) -> [StyledCell] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return (picture.row..<(picture.row + picture.height)).flatMap { row -> [StyledCell] in
            let cells = row < lines.count ? StyledCell.parse(lines[row]) : []
            return (picture.column..<(picture.column + picture.width)).map { $0 < cells.count ? cells[$0] : StyledCell(character: " ") }
        }
    }

    /// The screen without its escape sequences.
    static func plain(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { StyledCell.parse($0).map { String($0.character) }.joined() }
            .joined(separator: "\n")
    }
}

/// One cell of a `capture-pane -e` line: its character and its 256-colour numbers (`nil`: the terminal's default).
struct StyledCell: Equatable {
    var character: Character
    var foreground: Int?
    var background: Int?

    init(character: Character, foreground: Int? = nil, background: Int? = nil) {
        (self.character, self.foreground, self.background) = (character, foreground, background)
    }

    /// The cells of one line, following its SGR sequences (`38;5;N`, `48;5;N`, `39`, `49`, `0`).
    static func parse(_ line: Substring) -> [StyledCell] {
        var cells: [StyledCell] = []
        var (foreground, background): (Int?, Int?) = (nil, nil)
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            guard character == "\u{1B}" else {
                cells.append(StyledCell(character: character, foreground: foreground, background: background))
                index = line.index(after: index)
                continue
            }
            // ESC [ params final: only `m` changes the cell's colours.
            var end = line.index(after: index)
            if end < line.endIndex, line[end] == "[" { end = line.index(after: end) }
            let start = end
            while end < line.endIndex, !(line[end].isLetter) { end = line.index(after: end) }
            if end < line.endIndex, line[end] == "m" {
                let params = line[start..<end].split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var position = 0
                while position < params.count {
                    switch params[position] {
                    case 0: (foreground, background) = (nil, nil)
                    case 39: foreground = nil
                    case 49: background = nil
                    case 38 where position + 2 < params.count && params[position + 1] == 5:
                        foreground = params[position + 2]
                        position += 2
                    case 48 where position + 2 < params.count && params[position + 1] == 5:
                        background = params[position + 2]
                        position += 2
                    default: break
                    }
                    position += 1
                }
            }
            index = end < line.endIndex ? line.index(after: end) : end
        }
        return cells
    }
}
