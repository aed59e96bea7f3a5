import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 9: the run panel shows every output it has room for, and says how many more there are.
@Suite struct RunPanelOutputsTests {
    private func finishedRun(outputs count: Int, height: Int) throws -> [String] {
        var state = try Fixtures.loadedState(height: height)
        Fixtures.select("no-model/silent_audio", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        _ = update(&state, .runEvent(runID: 1, .nodeStarted(NodeInfo(id: "2", classType: "SaveAudio", title: "SaveAudio"), overall: 0.5)))
        let urls = (0..<count).map { "http://127.0.0.1:8188/view?filename=audio_\($0).mp3&type=output" }
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, audiosByVar: ["audio": urls])))))
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    @Test func fourOutputsAllShowOnceTheRunHasEnded() throws {
        let text = try finishedRun(outputs: 4, height: 30)
        for index in 0..<4 { #expect(text.contains { $0.contains("audio_\(index).mp3") }, "output \(index)") }
    }

    @Test func outputsBeyondThePanelAreCountedNotDropped() throws {
        let text = try finishedRun(outputs: 6, height: 30)
        #expect(text.contains { $0.contains("audio_2.mp3") })
        #expect(!text.contains { $0.contains("audio_3.mp3") })
        #expect(text.contains { $0.contains("+3 more (o lists them all)") })
    }
}
