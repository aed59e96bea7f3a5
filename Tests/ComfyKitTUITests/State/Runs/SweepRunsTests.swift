import ComfyKit
import ComfyKitPictures
import Testing
@testable import ComfyKitTUI

/// Issue 16, part 1: a form's sweep is a run per prompt on the strip, each with its varied values and server; the
/// runs screen shows them as a table; cancel on one ends them all.
@Suite struct SweepRunsTests {
    typealias F = ServerInputFixtures

    private func sweeping(_ values: String) throws -> (AppState, Int) {
        var state = try F.connectedForm("no-model/animated_noise")
        F.focus("width", in: &state)
        _ = Fixtures.press(.control("t"), .control("u"), in: &state)
        Fixtures.type(values, in: &state)
        for case .startSweep(let id, _, _, _) in Fixtures.press(.enter, in: &state) { return (state, id) }
        Issue.record("no sweep started: \(state.status)")
        return (state, 0)
    }

    private func points(_ steps: [Int]) -> [SweepPlan.Point] {
        steps.enumerated().map { SweepPlan.Point(index: $0.offset, values: ["width": .int($0.element)], varied: [("width", .int($0.element))]) }
    }

    @Test func eachPromptIsARunWithItsValuesAndTheServerItWentTo() throws {
        let (start, id) = try sweeping("10,20,30")
        var state = start
        let planned = points([10, 20, 30])
        for message in SweepFollowing.messages(for: .planned(planned), sweepID: id, recordID: nil) { _ = update(&state, message) }
        for message in SweepFollowing.messages(for: .routed(planned[1], server: "box2:8188"), sweepID: id, recordID: "r2") {
            _ = update(&state, message)
        }
        for message in SweepFollowing.messages(for: .finished(planned[1], server: "box2:8188", RunOutcome(result: ExecuteResult(status: .completed))),
                                               sweepID: id, recordID: nil) {
            _ = update(&state, message)
        }
        let runs = state.runs.runs(ofSweep: id)
        try #require(runs.count == 3)
        #expect(runs.map(\.sweepLabel) == ["width=10", "width=20", "width=30"])
        #expect(runs[1].server == "box2:8188")
        #expect(runs[1].recordID == "r2")
        #expect(runs[1].phase == .finished(.completed))
        #expect(runs[0].isActive && runs[2].isActive)
    }

    @Test func theRunsScreenShowsTheSweepAsATableOfItsValues() throws {
        let (start, id) = try sweeping("10,20,30")
        var state = start
        for message in SweepFollowing.messages(for: .planned(points([10, 20, 30])), sweepID: id, recordID: nil) { _ = update(&state, message) }
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        let lines = F.lines(state)
        #expect(lines.contains { $0.contains("sweep: 3 prompts, 0 completed") })
        for width in [10, 20, 30] { #expect(lines.contains { $0.contains("width=\(width)") }) }
    }

    @Test func wherePicturesAreOnTheSweepsPicturesSitBesideTheTableLabelledByTheirValues() throws {
        let (start, id) = try sweeping("10,20,30")
        var state = start
        state.pictures = PictureDisplay(picture: .kitty, reason: "kitty (asked for)")
        let planned = points([10, 20, 30])
        for message in SweepFollowing.messages(for: .planned(planned), sweepID: id, recordID: nil) { _ = update(&state, message) }
        let urls = [10, 30].map { "http://127.0.0.1:8188/view?filename=w\($0).png&type=output" }
        for (point, url) in zip([planned[0], planned[2]], urls) {
            let result = ExecuteResult(status: .completed, imagesByVar: ["result": [url]])
            for message in SweepFollowing.messages(for: .finished(point, server: "box1", RunOutcome(result: result)), sweepID: id, recordID: nil) {
                _ = update(&state, message)
            }
        }
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        let lines = screen.lines
        let tableRow = try #require(lines.firstIndex { $0.contains("sweep: 3 prompts, 2 completed") })
        // One tile per finished prompt's picture, right of the table, under the table's title.
        let outputsRow = try #require(lines.firstIndex { $0.contains("─ outputs") })
        let tiles = screen.pictures.filter { $0.rect.row < outputsRow }
        #expect(tiles.map(\.source) == urls.map { PictureSource.output(url: $0) })
        for tile in tiles {
            #expect(tile.rect.row > tableRow && tile.rect.column > state.width / 2 && tile.rect.height >= ThumbnailGrid.minimumRows)
            // The tile's label: the prompt's values, on the row under it.
            let label = lines[tile.rect.bottom].dropFirst(tile.rect.column)
            #expect(label.hasPrefix("›width=") || label.hasPrefix(" width="), "\(tile.rect): \(lines.joined(separator: "\n"))")
        }
        #expect(lines.contains { $0.dropFirst(state.width / 2).contains("…") }, "the prompt still going says so in its tile's place")
        state.pictures = PictureDisplay(picture: .off, reason: "off (asked for)")
        var plain = Screen(width: state.width, height: state.height)
        render(state, into: &plain)
        #expect(plain.pictures.isEmpty, "pictures off: the table alone")
    }

    /// A tile too narrow for `seed=12` shows `12`: many small tiles still tell their prompts apart.
    @Test func aThumbnailTooNarrowForItsNamedValuesIsLabelledByTheValuesAlone() throws {
        let (start, id) = try sweeping("10,20,30")
        var state = start
        let planned = points([10, 20, 30])
        for message in SweepFollowing.messages(for: .planned(planned), sweepID: id, recordID: nil) { _ = update(&state, message) }
        let run = try #require(state.runs.all.first { $0.id == id + 1 })
        #expect(SweepThumbnails.label(of: run, width: 20) == "width=20")
        #expect(SweepThumbnails.label(of: run, width: 5) == "20", "width=20 does not fit in 5 cells")
        var plain = run
        plain.sweep?.varied = []
        #expect(SweepThumbnails.label(of: plain, width: 20) == "prompt 2")
    }

    @Test func cancelOnOneRunOfTheSweepEndsEveryRunStillGoingWithOneCancel() throws {
        let (start, id) = try sweeping("10,20,30")
        var state = start
        let planned = points([10, 20, 30])
        _ = update(&state, .runEvent(runID: id, .finished(RunOutcome(result: ExecuteResult(status: .completed)))))
        _ = update(&state, .sweepPlanned(sweepID: id, planned))
        var status = ""
        let effects = state.runs.update(.cancelSelected, status: &status)
        #expect(effects == [.cancelRun(runID: id)])
        #expect(state.runs.runs(ofSweep: id).map(\.phase) == [.finished(.completed), .finished(.interrupted), .finished(.interrupted)])
    }

    @Test func aSweepTheServersRefuseEndsItsRunsAndMarksTheLine() throws {
        let (start, id) = try sweeping("10,20")
        var state = start
        _ = update(&state, .sweepRefused(sweepID: id, .plan(.refusedByServers(param: "width", value: "20", expected: "a value from 1 to 10"))))
        #expect(state.runs.runs(ofSweep: id).allSatisfy { $0.phase == .finished(.error) })
        #expect(state.forms.values.first?.sweep.line(for: "width")?.error?.contains("refused by every server") == true)
        #expect(state.status.hasPrefix("sweep not sent"))
    }
}
