import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 13, part 4: `q` (and ^C) with runs in flight asks — `c` cancels them and quits once the cancels are
/// confirmed (a bounded wait), `l` leaves them running, recorded, and quits, Esc stays.
@Suite struct QuitPromptTests {
    /// A loaded state with one run in flight, recorded as `abc12345`.
    static func stateWithARunInFlight(runningHub: Bool = false) throws -> AppState {
        var state = try Fixtures.loadedState()
        let id = state.runs.start(workflowPath: "/flows/slow.json", workflowName: "slow", isRunningHub: runningHub)
        state.runs.noteRecorded(runID: id, recordID: "abc12345")
        _ = update(&state, .runEvent(runID: id, .submitted(promptID: "task-1")))
        return state
    }

    @Test func qWithoutRunsInFlightQuitsAtOnce() throws {
        var state = try Fixtures.loadedState()
        #expect(Fixtures.press(.character("q"), in: &state) == [.quit])
    }

    @Test func qWithARunInFlightAsksAndEscStays() throws {
        var state = try Self.stateWithARunInFlight()
        #expect(Fixtures.press(.character("q"), in: &state).isEmpty)
        #expect(state.quit.phase == .asking(count: 1))
        #expect(Fixtures.press(.character("j"), in: &state).isEmpty, "the question has the keyboard")
        #expect(state.list.selected == 0)
        #expect(Fixtures.press(.escape, in: &state).isEmpty)
        #expect(!state.quit.isShown)
    }

    @Test func controlCAsksTooAndASecondControlCLeavesTheRunsAndQuits() throws {
        var state = try Self.stateWithARunInFlight()
        #expect(Fixtures.press(.control("c"), in: &state).isEmpty)
        #expect(state.quit.phase == .asking(count: 1))
        #expect(Fixtures.press(.control("c"), in: &state) == [.quit])
    }

    @Test func lLeavesTheRunsRunningAndSaysHowToFindThem() throws {
        var state = try Self.stateWithARunInFlight()
        _ = Fixtures.press(.character("q"), in: &state)
        #expect(Fixtures.press(.character("l"), in: &state) == [.quit])
        #expect(state.farewell == ["run #1 slow left running as run abc12345: comfykit-tui re-attaches it next start (or: comfykit runs watch abc12345)"])
    }

    @Test func cCancelsEachRunAndQuitsOnceItsEndArrives() throws {
        var state = try Self.stateWithARunInFlight()
        _ = Fixtures.press(.character("q"), in: &state)
        #expect(Fixtures.press(.character("c"), in: &state) == [.cancelRun(runID: 1)])
        guard case .cancelling = state.quit.phase else {
            Issue.record("phase: \(state.quit.phase)")
            return
        }
        #expect(update(&state, .clock(1)).isEmpty)
        let ended = RunOutcome(result: ExecuteResult(status: .interrupted, promptID: "task-1"))
        #expect(update(&state, .runEvent(runID: 1, .finished(ended))) == [.quit])
        #expect(state.farewell.isEmpty)
    }

    @Test func cancelsNotConfirmedWithinTheWaitQuitAnywayAndSaySo() throws {
        var state = try Self.stateWithARunInFlight()
        _ = update(&state, .clock(5))
        _ = Fixtures.press(.character("q"), .character("c"), in: &state)
        #expect(update(&state, .clock(5 + QuitComponent.wait - 1)).isEmpty)
        #expect(update(&state, .clock(5 + QuitComponent.wait)) == [.quit])
        #expect(state.farewell.count == 1)
        #expect(state.farewell[0].contains("did not confirm its cancel") && state.farewell[0].contains("comfykit runs cancel abc12345"))
    }

    @Test func aRunningHubTaskIsCancelledInTheCloudBeforeItsRunIs() throws {
        var state = try Self.stateWithARunInFlight(runningHub: true)
        _ = Fixtures.press(.character("q"), in: &state)
        #expect(Fixtures.press(.character("c"), in: &state) == [.cancelRunningHubTask(runID: 1, taskID: "task-1")])
        #expect(update(&state, .runningHubCancelled(runID: 1, failure: nil)) == [.cancelRun(runID: 1)])
        let ended = RunOutcome(result: ExecuteResult(status: .interrupted, promptID: "task-1"))
        #expect(update(&state, .runEvent(runID: 1, .finished(ended))) == [.quit])
    }

    @Test func aRunningHubCancelThatFailsLeavesTheTaskRecordedAndSaysSo() throws {
        var state = try Self.stateWithARunInFlight(runningHub: true)
        _ = Fixtures.press(.character("q"), .character("c"), in: &state)
        #expect(update(&state, .runningHubCancelled(runID: 1, failure: "no answer within 8 s")) == [.quit])
        #expect(state.farewell == ["run #1: RunningHub task task-1 could not be cancelled (no answer within 8 s); it may still be running "
            + "and stays recorded as in flight: comfykit runs cancel abc12345"])
    }

    @Test func theQuestionShowsInABoxWithItsKeysOnTheHintBar() throws {
        var state = try Self.stateWithARunInFlight()
        _ = Fixtures.press(.character("q"), in: &state)
        var screen = Screen(width: 100, height: 30)
        render(state, into: &screen)
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("1 run in flight:"))
        #expect(text.contains("c cancel them and quit · l leave them running and quit · Esc stay"))
        #expect(screen.lines.last?.contains("l leave them running and quit") == true)
    }
}
