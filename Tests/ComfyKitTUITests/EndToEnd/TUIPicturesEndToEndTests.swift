import ComfyKitTesting
import Foundation
import Testing

/// Issue 12 in real terminals: `comfykit-tui` against the double, whose canvas workflow saves a PNG of one known
/// colour, draws it on the run panel and beside the runs screen's outputs; the `?` overlay and quitting take it away.
/// In `xterm -ti vt340` (sixel) and kitty (its graphics protocol), both on Xvfb, read back from screenshots; in tmux
/// (symbols), read back with `capture-pane -e`.
enum PictureScenario {
    /// The canvas's colour: in no theme, so only the picture has it.
    static let colour = (red: 0x20, green: 0xE0, blue: 0xA0)
    /// The nearest of the 256 colours (the cube's 0, 4, 3), as symbols in a 256-colour terminal draw it.
    static let colour256 = 43
    static let workflowName = "pic_canvas"
    static let (columns, rows) = (110, 32)
    /// The run panel's picture, in cells: the panel's last 6 rows, 12 columns, one from the right edge.
    static let panelPicture = (column: 97, row: 24, width: 12, height: 6)

    /// 01_empty_image_save as `pic_canvas.json`, 128×128 in ``colour``.
    static func writeWorkflow(into workspace: TUIWorkspace) throws {
        var text = try String(contentsOf: SharedFixtures.workflow("01_empty_image_save.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"width\": 64", with: "\"width\": 128")
            .replacingOccurrences(of: "\"height\": 48", with: "\"height\": 128")
            .replacingOccurrences(of: "\"color\": 16711680", with: "\"color\": \(colour.red << 16 | colour.green << 8 | colour.blue)")
        try Data(text.utf8).write(to: workspace.workflows.appendingPathComponent(workflowName + ".json"))
    }

    /// The app in colour (test runners may set `NO_COLOR`, which would make the pictures monochrome symbols), then
    /// a pause so the terminal stays open after it quits (the screen can be read once the app has gone).
    static func command(_ workspace: TUIWorkspace, server: URL) -> String {
        try? writeWorkflow(into: workspace)
        return "unset NO_COLOR; " + workspace.tuiCommand(server: server) + "; sleep 60"
    }

    /// How many SGR sequences set the picture's colour (`…38;5;43…` or `…48;5;43…`); tmux writes one for a run of
    /// cells of the same colour.
    static func colouredCells(_ screen: Substring) -> Int {
        let marks = ["38;5;\(colour256)m", "38;5;\(colour256);", "48;5;\(colour256)m", "48;5;\(colour256);"]
        return marks.reduce(0) { $0 + screen.components(separatedBy: $1).count - 1 }
    }

    /// The log's text once it holds `what`.
    @discardableResult
    static func waitForLog(_ workspace: TUIWorkspace, _ what: String, within seconds: Double = 20) async throws -> String {
        do {
            return try await eventually("\(what) in the log", within: seconds) {
                let text = (try? String(contentsOf: workspace.logFile, encoding: .utf8)) ?? ""
                return text.contains(what) ? text : nil
            }
        } catch {
            // What the app got to, for a failure seen once in a whole run and not again.
            let text = (try? String(contentsOf: workspace.logFile, encoding: .utf8)) ?? ""
            throw HarnessFailure("\(error); the log's last lines:\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n"))
        }
    }
}

@Suite(.serialized, .enabled(if: XTerminalSession.isAvailable(.xtermVT340) && XTerminalSession.isAvailable(.kitty),
                             "Xvfb, xdotool, ImageMagick, xterm or kitty is not installed (.ci/install-deps installs them); picture tests in X terminals skipped"))
struct TUIPicturesXTerminalTests {
    @Test func xtermAsAVT340DrawsTheOutputInSixelAndTakesItAway() async throws {
        try await drawsAndTakesAway(in: .xtermVT340, protocolName: "sixel")
    }

    @Test func kittyDrawsTheOutputWithItsGraphicsProtocolAndDeletesIt() async throws {
        try await drawsAndTakesAway(in: .kitty, protocolName: "kitty")
    }

    private func drawsAndTakesAway(in emulator: XTerminalSession.Emulator, protocolName: String) async throws {
        try await withComfyUIDoubleProcess { double in
            try await withXTerminal(emulator, command: { PictureScenario.command($0, server: double.baseURL) },
                                    columns: PictureScenario.columns, rows: PictureScenario.rows) { terminal, workspace in
                let log = try await PictureScenario.waitForLog(workspace, "pictures")
                #expect(log.contains("protocol=\(protocolName)"), "auto chose from the terminal's answers:\n\(log)")
                try await PictureScenario.waitForLog(workspace, "folder")
                try await Task.sleep(for: .milliseconds(500))
                try await terminal.press("slash")
                try await terminal.type(PictureScenario.workflowName)
                try await terminal.press("Return", "Return")
                try await Task.sleep(for: .milliseconds(500))
                // The canvas's size fields are required.
                try await terminal.type("128")
                try await terminal.press("Tab")
                try await terminal.type("128")
                try await terminal.press("Return")
                try await PictureScenario.waitForLog(workspace, "run finished")

                let panel = try await terminal.pixels(column: PictureScenario.panelPicture.column, row: PictureScenario.panelPicture.row,
                                                      width: PictureScenario.panelPicture.width, height: PictureScenario.panelPicture.height)
                let drawn = try await eventually("the output on the run panel", within: 15) {
                    let shot = try await terminal.screenshot()
                    return shot.count(near: PictureScenario.colour, in: panel) > panel.width * panel.height / 4 ? shot : nil
                }
                let bounds = try #require(drawn.bounds(near: PictureScenario.colour))
                #expect(bounds.x >= panel.x - 2 && bounds.y >= panel.y - 2 && bounds.x + bounds.width <= panel.x + panel.width + 2
                        && bounds.y + bounds.height <= panel.y + panel.height + 2, "the picture keeps to its rectangle: \(bounds) in \(panel)")

                // The runs screen: the thumbnail beside the outputs, and nothing left on the panel's rectangle.
                try await terminal.press("Escape", "o")
                let runs = try await eventually("the thumbnail on the runs screen", within: 15) {
                    let shot = try await terminal.screenshot()
                    return shot.count(near: PictureScenario.colour, in: panel) == 0 && shot.count(near: PictureScenario.colour) > 400 ? shot : nil
                }
                let thumbnail = try #require(runs.bounds(near: PictureScenario.colour))
                let cell = try await terminal.cellSize()
                #expect(thumbnail.x >= 60 * cell.width && thumbnail.y < PictureScenario.panelPicture.row * cell.height, "beside the list: \(thumbnail)")

                // The help overlay covers it: it goes, and comes back when the overlay closes.
                try await terminal.press("question")
                try await eventually("the thumbnail gone under the help", within: 10) {
                    try await terminal.screenshot().count(near: PictureScenario.colour) == 0 ? true : nil
                }
                try await terminal.press("Escape")
                try await eventually("the thumbnail back", within: 10) {
                    try await terminal.screenshot().count(near: PictureScenario.colour) > 400 ? true : nil
                }

                // Quitting leaves no picture behind.
                try await terminal.press("q")
                try await PictureScenario.waitForLog(workspace, "comfykit-tui quit")
                try await eventually("no picture after quitting", within: 10) {
                    try await terminal.screenshot().count(near: PictureScenario.colour) == 0 ? true : nil
                }
            }
        }
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIPicturesTmuxTests {
    @Test func tmuxWithoutPassthroughDrawsTheOutputAsSymbolsInItsColour() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(command: { PictureScenario.command($0, server: double.baseURL) }) { tui, workspace in
                try await drawsSymbolsAndTakesThemAway(tui, workspace: workspace)
            }
        }
    }

    @Test func aSweepShowsEachPromptsPictureLabelledByItsValues() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(command: { PictureScenario.command($0, server: double.baseURL) }) { tui, _ in
                try await tui.waitForScreen("the list") { $0.contains(PictureScenario.workflowName) }
                try await openWorkflow(PictureScenario.workflowName, in: tui)
                try await tui.waitForScreen("the form") { $0.contains("⏎ run") }
                try await tui.type("128")
                try await tui.press("Tab")
                try await tui.type("128")
                try await tui.press("Tab")
                // The canvas's colour, and a red one.
                let colours = [PictureScenario.colour.red << 16 | PictureScenario.colour.green << 8 | PictureScenario.colour.blue, 0xE02020]
                try await tui.press("C-t")
                try await tui.waitForScreen("the values line") { $0.contains("› values for color:") }
                try await tui.press("C-u")
                try await tui.type(colours.map(String.init).joined(separator: ","))
                try await tui.waitForScreen("the count of prompts") { $0.contains("sweep: ⏎ sends 2 prompts") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the sweep started") { $0.contains("sweep of 2 prompt(s) started") }
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                try await tui.press("o")
                try await tui.waitForScreen("both prompts completed", within: 30) { $0.contains("sweep: 2 prompts, 2 completed") }
                // Beside the table, above the selected run's outputs: a tile per prompt in its colour, its values under it.
                let grid = try await eventually("the sweep's thumbnails", within: 15) { () -> (rows: [Int], table: Int, outputs: Int)? in
                    let last = try await tui.captureWithStyles()
                    let lines = last.split(separator: "\n", omittingEmptySubsequences: false)
                    guard let table = lines.firstIndex(where: { $0.contains("sweep: 2 prompts") }),
                          let outputs = lines.firstIndex(where: { $0.contains("─ outputs") }) else { return nil }
                    let rows = Self.colouredRows(last).filter { $0 > table && $0 < outputs }
                    return rows.count >= 4 ? (rows, table, outputs) : nil
                }
                let plain = try await tui.capture()
                let lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let section = lines[(grid.table + 1)..<min(grid.outputs, lines.count)].joined(separator: "\n")
                for label in colours.map({ "color=\($0)" }) {
                    #expect(section.components(separatedBy: label).count - 1 >= 2, "\(label) in the table and under its tile:\n\(plain)")
                }
                // The canvas's tile is as tall as the table section allows, not a line.
                #expect(grid.rows.count >= 4, "\(grid.rows)")
            }
        }
    }

    /// The rows of `screen` that hold a cell in the picture's colour.
    private static func colouredRows(_ screen: String) -> [Int] {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.indices.filter { PictureScenario.colouredCells(rows[$0]) > 0 }
    }

    /// The screen once at least four rows hold the picture's colour; on timeout the error shows the last one.
    private func waitForColouredRows(_ tui: TmuxSession, _ what: String) async throws -> String {
        var last = ""
        do {
            return try await eventually(what, within: 15) {
                last = try await tui.captureWithStyles()
                return Self.colouredRows(last).count >= 4 ? last : nil
            }
        } catch {
            throw HarnessFailure("timed out waiting for \(what); screen:\n" + last.replacingOccurrences(of: "\u{1B}", with: "^["))
        }
    }

    private func drawsSymbolsAndTakesThemAway(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        try await tui.waitForScreen("the list") { $0.contains(PictureScenario.workflowName) }
        let log = try await PictureScenario.waitForLog(workspace, "pictures")
        #expect(log.contains("protocol=symbols"), "tmux answers the queries itself and passes nothing through:\n\(log)")
        try await openWorkflow(PictureScenario.workflowName, in: tui)
        try await tui.waitForScreen("the form") { $0.contains("⏎ run") }
        // The canvas's size fields are required.
        try await tui.type("128")
        try await tui.press("Tab")
        try await tui.type("128")
        try await tui.press("Enter")
        try await tui.waitForScreen("the run completed", within: 20) { $0.contains("completed") }
        let panel = try await waitForColouredRows(tui, "the symbols on the run panel")
        let panelRows = PictureScenario.panelPicture.row..<(PictureScenario.panelPicture.row + PictureScenario.panelPicture.height)
        let pictured = Self.colouredRows(panel)
        #expect(!pictured.isEmpty && pictured.allSatisfy(panelRows.contains), "on the panel's rows only: \(pictured)")
        try await tui.press("Escape")
        try await tui.press("o")
        try await tui.waitForScreen("the runs screen") { $0.contains("─ outputs") }
        let runs = try await waitForColouredRows(tui, "the thumbnail's symbols")
        let thumbnailRows = Self.colouredRows(runs)
        #expect(thumbnailRows.allSatisfy { $0 < panelRows.lowerBound }, "beside the outputs, above where the panel was: \(thumbnailRows)")
        try await tui.press("?")
        try await tui.waitForScreen("the help") { $0.contains("images") }
        let help = try await tui.captureWithStyles()
        #expect(PictureScenario.colouredCells(help[...]) == 0, "the overlay takes the thumbnail away")
    }
}
