@testable import ComfyKitCLI
import ComfyKit
import Testing

/// What `comfykit run` shows of a sweep, as text: the live line per server and the table at the end.
@Suite struct SweepBoardTests {
    private func point(_ index: Int, steps: Int) -> SweepPlan.Point {
        SweepPlan.Point(index: index, values: ["steps": .int(steps)], varied: [("steps", .int(steps))])
    }

    @Test func theLiveLineCountsPromptsQueuedRunningAndDonePerServer() {
        var board = SweepBoard(servers: ["a", "b"])
        let points = [point(0, steps: 10), point(1, steps: 20), point(2, steps: 30)]
        _ = board.apply(.planned(points))
        _ = board.apply(.routed(points[0], server: "a"))
        _ = board.apply(.routed(points[1], server: "b"))
        _ = board.apply(.routed(points[2], server: "a"))
        _ = board.apply(.started(points[0], server: "a"))
        #expect(board.line() == "0/3 done · a 0 done 1 running 1 queued · b 0 done 0 running 1 queued")
        _ = board.apply(.finished(points[0], server: "a", RunOutcome(result: ExecuteResult(status: .completed))))
        let failure = board.apply(.finished(points[1], server: "b", RunOutcome(result: ExecuteResult(status: .error, msg: "boom"))))
        #expect(board.line() == "2/3 done · a 1 done 0 running 1 queued · b 1 done 0 running 0 queued")
        #expect(failure == "prompt 2 steps=20: error: boom")
        #expect(board.anyFailed)
    }

    /// Servers named by URL show as `host:port` on the live line (three fit in a terminal's width); the end's table and
    /// the JSON objects keep the full name.
    @Test func theLiveLineNamesAServerByItsHostAndPort() {
        var board = SweepBoard(servers: ["http://127.0.0.1:8188", "box2", "https://gpu.example:8443/"])
        _ = board.apply(.planned([point(0, steps: 10)]))
        #expect(board.line() == "0/1 done · 127.0.0.1:8188 0 done 0 running 0 queued · box2 0 done 0 running 0 queued · "
            + "gpu.example:8443 0 done 0 running 0 queued")
        #expect(board.apply(.sending(point(0, steps: 10), server: "box2", promptID: "p")) == nil, "sending prints nothing")
    }

    /// A prompt of a sweep that varies nothing (`--count` alone) reads `prompt 2`, not `prompt 2 ` with a space.
    @Test func aPromptThatVariesNothingIsNamedByItsNumberAlone() {
        var board = SweepBoard(servers: ["a"])
        let plain = SweepPlan.Point(index: 1, values: [:], varied: [])
        _ = board.apply(.planned([plain]))
        let failure = board.apply(.finished(plain, server: "a", RunOutcome(result: ExecuteResult(status: .error, msg: "boom"))))
        #expect(failure == "prompt 2: error: boom")
    }

    @Test func theTableShowsTheVariedValuesThenStatusServerAndOutputs() {
        var board = SweepBoard(servers: ["a"])
        let result = ExecuteResult(status: .completed, imagesByVar: ["result": ["http://a/view?filename=x_00001_.png&type=output"]])
        _ = board.apply(.planned([point(0, steps: 10)]))
        _ = board.apply(.routed(point(0, steps: 10), server: "a"))
        _ = board.apply(.finished(point(0, steps: 10), server: "a", RunOutcome(result: result)))
        let lines = board.table().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines == [["#", "steps", "status", "server", "outputs"], ["1", "10", "completed", "a", "x_00001_.png"]])
    }
}
