import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 11: the smaller defects seen on screen.
@Suite struct SmallDefectsTests {
    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    private func startRun(in state: inout AppState) {
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
    }

    @Test func anInterruptedRunSaysInterruptedOnce() throws {
        var state = try Fixtures.loadedState()
        startRun(in: &state)
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .interrupted, msg: "interrupted")))))
        #expect(!lines(state).contains { $0.contains("interrupted: interrupted") })
        #expect(lines(state).contains { $0.contains("run #1 no-model/solid_color  interrupted") })
    }

    @Test func aSingleOutputIsShownWithItsName() throws {
        var state = try Fixtures.loadedState()
        startRun(in: &state)
        let url = "http://127.0.0.1:8188/view?filename=a.png&type=output"
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["image": [url]])))))
        #expect(lines(state).contains { $0.contains("image → a.png") })
    }

    @Test func theStatusCountsTheWorkflowsTheFilterShows() throws {
        var state = try Fixtures.loadedState()
        let all = state.list.entries.count
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("txt2", in: &state)
        #expect(state.status == "1 of \(all) workflow(s) match “txt2”")
    }

    @Test func blanksInANumberFieldMeanTheDefaultAndFractionsInAnIntFieldSaySo() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let path = try #require(state.currentForm?.workflowPath)
        let width = try #require(state.forms[path]?.fields.firstIndex { $0.name == "width" })
        state.forms[path]?.fields[width].text = " "
        #expect(state.forms[path]?.fields[width].value() == .success(nil))
        state.forms[path]?.fields[width].text = "64.5"
        #expect(state.forms[path]?.fields[width].value() == .failure(FieldError(message: "a whole number is needed here (e.g. 64), not \"64.5\"")))
        state.forms[path]?.fields[width].text = "1.5e1"
        #expect(state.forms[path]?.fields[width].value() == .failure(FieldError(message: "a whole number is needed here (e.g. 64), not \"1.5e1\"")))
        state.forms[path]?.fields[width].text = "-64"
        #expect(state.forms[path]?.fields[width].value() == .success(.int(-64)))
    }

    @Test func theRunStripMarksTabsScrolledOffEitherSide() throws {
        var state = try Fixtures.loadedState(width: 60, height: 30)
        for _ in 0..<8 { startRun(in: &state) }
        _ = Fixtures.press(.character("o"), in: &state)
        for _ in 0..<4 { _ = Fixtures.press(.character("["), in: &state) }
        let tabs = try #require(lines(state).first { $0.contains("#4") })
        #expect(tabs.hasPrefix("‹") && tabs.hasSuffix("›"), "\(tabs)")
    }
}
