import ComfyKit
import Testing
@testable import ComfyKitTUI

/// The runs component on its own: starting, selecting, cancelling, downloads and the runtime's reports.
@Suite struct RunsComponentTests {
    static let url = "http://127.0.0.1:8188/view?filename=a.png&type=output"

    @Test func aNewRunIsSelectedAndCancelTargetsTheSelectedOne() {
        var runs = RunsComponent(), status = ""
        #expect(runs.start(workflowPath: "/w/a.json", workflowName: "a") == 1)
        #expect(runs.start(workflowPath: "/w/b.json", workflowName: "b") == 2)
        #expect(runs.current?.id == 2)
        _ = runs.update(.selectRun(by: -1), status: &status)
        #expect(runs.current?.id == 1)
        _ = runs.update(.event(runID: 1, .queued(position: 1), clock: 1), status: &status)
        #expect(runs.update(.cancelSelected, status: &status) == [.cancelRun(runID: 1)])
        #expect(status == "cancelling run #1…")
        _ = runs.start(workflowPath: "/w/a.json", workflowName: "a")
        #expect(runs.current?.id == 3 && runs.selectedRunID == nil, "a new run is followed again")
    }

    @Test func eventsFoldIntoTheirRunAndTheEndIsSaid() {
        var runs = RunsComponent(), status = ""
        _ = runs.start(workflowPath: "/w/a.json", workflowName: "a")
        _ = runs.update(.event(runID: 1, .submitted(promptID: "p"), clock: 5), status: &status)
        _ = runs.update(.event(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["out": [Self.url]]))), clock: 9),
                        status: &status)
        #expect(runs.current?.elapsed(now: 100) == 4)
        #expect(runs.current?.resultURLs == [Self.url])
        #expect(status == "run #1 completed")
        #expect(runs.update(.cancelSelected, status: &status).isEmpty)
        #expect(status == "run #1 has ended")
    }

    @Test func aFileIsDownloadedOnceAndItsReportsFoldIntoTheRun() {
        var runs = RunsComponent(), status = ""
        _ = runs.start(workflowPath: "/w/a.json", workflowName: "a")
        _ = runs.update(.event(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["out": [Self.url]]))), clock: 1),
                        status: &status)
        #expect(runs.update(.downloadAll, status: &status) == [.download(runID: 1, urls: [Self.url])])
        #expect(runs.update(.downloadSelected, status: &status).isEmpty)
        #expect(status == "run #1: already downloading")
        _ = runs.update(.downloadProgress(runID: 1, url: Self.url, received: 50, total: 100), status: &status)
        #expect(runs.current?.downloads[Self.url] == .inProgress(received: 50, total: 100))
        _ = runs.update(.fileSaved(runID: 1, url: Self.url, path: "/tmp/a.png"), status: &status)
        #expect(runs.current?.downloads[Self.url] == .saved(path: "/tmp/a.png"))
        #expect(status == "run #1: saved /tmp/a.png")
        _ = runs.update(.downloadProgress(runID: 1, url: Self.url, received: 60, total: 100), status: &status)
        #expect(runs.current?.downloads[Self.url] == .saved(path: "/tmp/a.png"), "a late progress report does not undo the save")
    }

    @Test func theRunsScreenLeavesEscHelpAndQuitToTheApp() {
        #expect(RunsComponent.message(for: .escape) == nil)
        #expect(RunsComponent.message(for: .character("?")) == nil)
        #expect(RunsComponent.message(for: .character("q")) == nil)
        #expect(RunsComponent.message(for: .character("d")) == .downloadSelected)
        #expect(RunsComponent.message(for: .character("D")) == .downloadAll)
        #expect(RunsComponent.message(for: .control("x")) == .cancelSelected)
    }
}
