import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Clicks select what the frame showed under them; the wheel moves like ↑/↓.
@Suite struct MouseTests {
    private func frame(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen
    }

    /// Clicks the first row whose text contains `text` (or, with `leading`, starts with it), at that text's first column.
    @discardableResult
    private func click(_ text: String, leading: Bool = false, in state: inout AppState) throws -> [Effect] {
        let screen = frame(state)
        let matches = { (line: String) in leading ? line.trimmingCharacters(in: .whitespaces).hasPrefix(text) : line.contains(text) }
        let row = try #require(screen.lines.firstIndex(where: matches), "no row shows \(text)")
        let line = screen.lines[row]
        let column = line.distance(from: line.startIndex, to: line.range(of: text)!.lowerBound)
        let target = screen.target(atColumn: column, row: row)
        try #require(target != nil, "nothing clickable under \(text)")
        return update(&state, .clicked(target!))
    }

    @Test func aClickHighlightsAWorkflowAndASecondClickOpensIt() throws {
        var state = try Fixtures.loadedState()
        try click("sd15/txt2img", in: &state)
        #expect(state.list.selectedEntry?.displayName == "sd15/txt2img")
        #expect(state.route == .list)
        try click("sd15/txt2img", in: &state)
        #expect(state.currentForm?.workflowPath.hasSuffix("sd15/txt2img.json") == true)
    }

    @Test func clicksOnAFilteredListPickTheRowShown() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("sd15", in: &state)
        try click("sd15/txt2img", in: &state)
        #expect(state.list.selectedEntry?.displayName == "sd15/txt2img")
        #expect(!state.list.isFiltering)
    }

    @Test func aClickFocusesAFormField() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        try click("color", leading: true, in: &state)
        #expect(state.currentForm?.focus == 2)
    }

    @Test func clicksPickARunTabAndAnOutput() throws {
        var state = try Fixtures.loadedState()
        for name in ["no-model/solid_color", "no-model/animated_noise"] {
            Fixtures.select(name, in: &state)
            _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        }
        let urls = ["http://h/view?filename=a.png", "http://h/view?filename=b.png"]
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["result": urls])))))
        _ = Fixtures.press(.character("o"), in: &state)
        #expect(state.currentRun?.id == 2)
        try click("#1 ✓", in: &state)
        #expect(state.currentRun?.id == 1)
        try click("b.png", leading: true, in: &state)
        #expect(state.runs.selectedOutputURL == urls[1])
        try click("#2", in: &state)
        #expect(state.currentRun?.id == 2 && state.runs.selectedRunID == nil)
    }

    @Test func theWheelMovesLikeTheArrowKeys() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .scrolled(by: 3))
        #expect(state.list.selected == 3)
        _ = update(&state, .scrolled(by: -1))
        #expect(state.list.selected == 2)
    }

    @Test func clicksUnderTheHelpOverlayDoNothing() throws {
        var state = try Fixtures.loadedState()
        let found = frame(state).target(atColumn: 5, row: 3)
        let target = try #require(found)
        _ = Fixtures.press(.character("?"), in: &state)
        #expect(update(&state, .clicked(target)).isEmpty)
        _ = update(&state, .scrolled(by: 2))
        #expect(state.list.selected == 0)
        #expect(state.help.isShown)
    }
}
