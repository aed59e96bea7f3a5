import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 12, part 6: the whole run's ETA (from the nodes left and the times of those done) on the run panel and the
/// runs screen, and cached nodes named on the runs screen.
@Suite struct RunETATests {
    private static func node(_ id: String, _ classType: String, _ title: String = "") -> NodeInfo {
        NodeInfo(id: id, classType: classType, title: title)
    }

    /// The examples' sd15/txt2img started from its form (7 nodes), at clock 100.
    private func txt2imgRun() throws -> AppState {
        var state = try Fixtures.loadedState(height: 30)
        _ = update(&state, .clock(100))
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        ServerInputFixtures.focus("prompt", in: &state)
        Fixtures.type("a fox", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.runs.all.count == 1)
        _ = update(&state, .runEvent(runID: 1, .submitted(promptID: "p1")))
        _ = update(&state, .runEvent(runID: 1, .started))
        return state
    }

    private func event(_ event: RunEvent, at clock: Double, in state: inout AppState) {
        _ = update(&state, .clock(clock))
        _ = update(&state, .runEvent(runID: 1, event))
    }

    private func titleLine(_ state: AppState) throws -> String {
        try #require(ServerInputFixtures.lines(state).first { $0.contains("run #1") })
    }

    @Test func noETAIsShownUntilANodeHasRunToItsEnd() throws {
        var state = try txt2imgRun()
        event(.nodeStarted(Self.node("4", "CheckpointLoaderSimple"), overall: 0), at: 101, in: &state)
        event(.progress(node: "4", value: 1, max: 4, overall: 0.03), at: 102, in: &state)
        #expect(state.currentRun?.runETA(now: 103) == nil)
        #expect(try !titleLine(state).contains("ETA"))
    }

    @Test func theETAIsTheCurrentNodesRestPlusTheNodesLeftAtTheMeanTimeOfThoseDone() throws {
        var state = try txt2imgRun()
        // Two nodes cached; 4 takes 2 s, 6 takes 4 s: the mean is 3 s.
        event(.cached(nodes: ["7", "5"]), at: 100, in: &state)
        event(.nodeStarted(Self.node("4", "CheckpointLoaderSimple"), overall: 2 / 7), at: 100, in: &state)
        event(.nodeStarted(Self.node("6", "CLIPTextEncode"), overall: 3 / 7), at: 102, in: &state)
        event(.nodeStarted(Self.node("3", "KSampler", "Sampler, $seed"), overall: 4 / 7), at: 106, in: &state)
        // With no steps yet, the sampler is given the mean less its time so far (1 s): 2 s, then 2 nodes × 3 s.
        let run = try #require(state.currentRun)
        #expect(run.runETA(now: 107) == 8)
        // Its steps give its own rate: 2 steps in 2 s, 8 of 10 left → 8 s, then 6 s for VAE Decode and SaveImage.
        event(.progress(node: "3", value: 1, max: 10, overall: 0.6), at: 108, in: &state)
        event(.progress(node: "3", value: 2, max: 10, overall: 0.6), at: 109, in: &state)
        event(.progress(node: "3", value: 3, max: 10, overall: 0.6), at: 110, in: &state)
        let left = try #require(state.currentRun?.runETA(now: 110))
        #expect(abs(left - (7 + 6)) < 1e-9, "\(left)")
        let title = try titleLine(state)
        #expect(title.contains("ETA 0:13"), "\(title)")
        event(.finished(RunOutcome(result: ExecuteResult(status: .completed))), at: 120, in: &state)
        #expect(state.currentRun?.runETA(now: 121) == nil)
        #expect(try !titleLine(state).contains("ETA"))
    }

    @Test func theRunsScreenNamesTheCachedNodesByTitleOrClass() throws {
        var state = try txt2imgRun()
        event(.cached(nodes: ["4", "3", "8", "42"]), at: 100, in: &state)
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        #expect(state.route == .runs)
        let screen = ServerInputFixtures.lines(state).joined(separator: "\n")
        #expect(screen.contains("cached (4): CheckpointLoaderSimple, Sampler, VAE Decode, #42"), "\(screen)")
        #expect(state.currentRun?.log.contains("cached: CheckpointLoaderSimple, Sampler, VAE Decode, #42") == true)
    }

    @Test func aReattachedRunNamesItsCachedNodesFromItsRecordedWorkflow() throws {
        var state = try Fixtures.loadedState()
        let record = try HistoryScreenTests.solidColorRecord(state)
        let id = state.runs.reattach(record)
        _ = update(&state, .runEvent(runID: id, .cached(nodes: ["1"])))
        #expect(state.currentRun?.timing.cachedLabels == ["Canvas"])
        #expect(state.currentRun?.timing.totalNodes == 2)
    }
}
