import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 8: a cancel before the prompt exists ends the run at once, as cancelled.
@Suite struct CancelBeforeSubmissionTests {
    @Test func cancellingAStartingRunEndsItAtOnceAsInterrupted() {
        var runs = RunsComponent(), status = ""
        _ = runs.start(workflowPath: "/w/a.json", workflowName: "a")
        #expect(runs.update(.cancelSelected, status: &status) == [.cancelRun(runID: 1)])
        #expect(runs.current?.phase == .finished(.interrupted))
        #expect(status == "run #1 cancelled")
        _ = runs.update(.event(runID: 1, .finished(RunOutcome(result: .failure("no answer in time"))), clock: 27), status: &status)
        #expect(runs.current?.phase == .finished(.interrupted), "the library's late end changes nothing")
    }

    @Test func aQueuedRunIsCancelledThroughTheServer() {
        var runs = RunsComponent(), status = ""
        _ = runs.start(workflowPath: "/w/a.json", workflowName: "a")
        _ = runs.update(.event(runID: 1, .submitted(promptID: "p"), clock: 1), status: &status)
        #expect(runs.update(.cancelSelected, status: &status) == [.cancelRun(runID: 1)])
        #expect(runs.current?.isActive == true)
        #expect(status == "cancelling run #1…")
    }
}
