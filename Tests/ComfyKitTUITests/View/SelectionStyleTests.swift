import Testing
@testable import ComfyKitTUI

/// Issue 11, item 6: a selected row is drawn in the theme's `selection` slot as it is, never reversed on top.
@Suite struct SelectionStyleTests {
    private func screen(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen
    }

    @Test func theSelectedWorkflowRowIsTheSelectionSlotWithoutReverse() throws {
        let state = try Fixtures.loadedState()
        let drawn = screen(state)
        let row = try #require(drawn.lines.firstIndex { $0.contains("› ") })
        for column in 0..<state.width {
            #expect(drawn[column, row].style == .selection || drawn[column, row].style == .error)
            #expect(!drawn[column, row].attributes.contains(.reverse), "column \(column)")
        }
    }

    @Test func theHighlightedOutputAndTheSelectedRunTabAreNotReversed() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        let url = "http://127.0.0.1:8188/view?filename=a.png&type=output"
        _ = update(&state, .runEvent(runID: 1, .finished(.init(result: .init(status: .completed, imagesByVar: ["image": [url]])))))
        _ = Fixtures.press(.character("o"), in: &state)
        let drawn = screen(state)
        for row in drawn.lines.indices where drawn.lines[row].contains("› ") || drawn.lines[row].contains("#1 ✓") {
            for column in 0..<state.width where drawn[column, row].style == .selection {
                #expect(!drawn[column, row].attributes.contains(.reverse), "row \(row) column \(column)")
            }
        }
    }
}
