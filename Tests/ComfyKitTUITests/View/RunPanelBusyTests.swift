import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 11: a run with no progress to report (the HTTP executor between polls) shows a busy block that
/// moves each second, not an `overall 0%` bar that looks stuck.
@Suite struct RunPanelBusyTests {
    private func overallLine(at clock: Double, events: [RunEvent]) throws -> String {
        var state = try Fixtures.loadedState(height: 30)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .clock(10))
        for event in events { _ = update(&state, .runEvent(runID: 1, event)) }
        _ = update(&state, .clock(clock))
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return try #require(screen.lines.first { $0.contains("overall") })
    }

    @Test func aSubmittedRunWithoutProgressShowsAMovingBusyBlock() throws {
        let first = try overallLine(at: 11, events: [.submitted(promptID: "p1")])
        let second = try overallLine(at: 12, events: [.submitted(promptID: "p1")])
        #expect(first.contains("busy") && !first.contains("0%"), "\(first)")
        #expect(first.contains("███") && second.contains("███"))
        #expect(first.firstRange(of: "███")?.lowerBound != second.firstRange(of: "███")?.lowerBound, "the block moves: \(first) / \(second)")
    }

    @Test func progressReplacesTheBusyBlockWithTheBar() throws {
        let line = try overallLine(at: 11, events: [
            .submitted(promptID: "p1"), .nodeStarted(NodeInfo(id: "1", classType: "EmptyImage", title: "EmptyImage"), overall: 0.5),
        ])
        #expect(line.contains("50%") && !line.contains("busy"), "\(line)")
    }
}
