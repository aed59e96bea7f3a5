import Testing
@testable import ComfyKitTUI

/// Issue 11, item 5: the header lays out by priority and drops parts whole instead of drawing over them.
@Suite struct HeaderLayoutTests {
    private func header(width: Int, height: Int) throws -> String {
        var state = try Fixtures.loadedState(width: width, height: height)
        state.serverURL = "http://127.0.0.1:8188"
        _ = update(&state, .serverProbed(.connected(queue: 1)))
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        var screen = Screen(width: width, height: height)
        render(state, into: &screen)
        return screen.lines[0]
    }

    @Test func atSixtyColumnsTheStateAndTheRunsAreWholeAndTheURLIsWholeOrGone() throws {
        let line = try header(width: 60, height: 15)
        #expect(line.contains("● connected · queue 1"))
        #expect(line.hasSuffix("1 running"))
        #expect(line.contains("http://127.0.0.1:8188") || !line.contains("http"), "\(line)")
    }

    @Test func atFortyColumnsNoPartIsDrawnOverAnother() throws {
        let line = try header(width: 40, height: 10)
        #expect(line.contains("● connected · queue 1"), "\(line)")
        #expect(line.hasSuffix("1 running"))
        #expect(!line.contains("http://127.0.0.1:818 ") && !line.contains(":8181"), "\(line)")
        #expect(line.contains("http://127.0.0.1:8188") || !line.contains("http"), "\(line)")
    }

    @Test func wideTheHeaderShowsEverything() throws {
        let line = try header(width: 100, height: 30)
        #expect(line.hasPrefix(" ComfyKit http://127.0.0.1:8188  ● connected · queue 1"))
        #expect(line.hasSuffix("1 running"))
    }
}
