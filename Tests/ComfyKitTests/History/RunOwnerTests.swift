import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Who runs a recorded run: a live process's runs and sweeps are never taken by a second app; a gone one's are.
@Suite struct RunOwnerTests {
    /// `body` with a live process other than this one.
    private func withAnotherProcess(_ body: (RunOwner) async throws -> Void) async throws {
        try await withAnotherLiveProcess { pid in try await body(try #require(RunOwner.of(pid: pid))) }
    }

    @Test func thisProcessIsAliveAndReadsBackFromItsText() throws {
        let current = try #require(RunOwner.current)
        #expect(current.pid == getpid() && current.isAlive && !current.isAnotherLiveProcess)
        #expect(RunOwner(current.description) == current)
        #expect(RunOwner("12 x boot") == nil && RunOwner("") == nil)
    }

    @Test func aProcessIsAliveUntilItEndsAndAReusedPidOrAnotherBootIsNotIt() async throws {
        var ended: RunOwner?
        try await withAnotherProcess { other in
            #expect(other.isAlive && other.isAnotherLiveProcess)
            // The same pid started at another tick, or in another boot, is another process.
            #expect(!RunOwner(pid: other.pid, started: other.started + 1, boot: other.boot).isAlive)
            #expect(!RunOwner(pid: other.pid, started: other.started, boot: "another-boot").isAlive)
            ended = other
        }
        #expect(try #require(ended).isAlive == false)
        #expect(RunOwner.of(pid: Int32.max) == nil)
    }

    @Test func aProcessThatExitedAndWaitsToBeReapedIsNotAlive() async throws {
        var pid: pid_t = 0
        let arguments = ["/bin/sleep", "0.2"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        #expect(posix_spawn(&pid, "/bin/sleep", nil, nil, &argv, environ) == 0)
        let owner = try #require(RunOwner.of(pid: pid))
        #expect(owner.isAlive)
        // Not waited for: once it exits it is a zombie, still in /proc, and no longer runs anything.
        let deadline = ContinuousClock.now + .seconds(10)
        while owner.isAlive && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!owner.isAlive)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    @Test func inFlightRunsOfALiveProcessAreNotClaimedAndThoseOfAGoneOneBecomeOurs() async throws {
        try await withTemporaryDirectory("ck-owner") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            try await withAnotherProcess { other in
                var live = RunHistoryTests.record("live", promptID: "p-live")
                live.owner = other
                var gone = RunHistoryTests.record("gone", promptID: "p-gone")
                gone.owner = RunOwner(pid: other.pid, started: other.started + 1, boot: other.boot)
                let unknown = RunHistoryTests.record("unknown", promptID: "p-unknown")  // recorded before owners were
                var ours = RunHistoryTests.record("ours", promptID: "p-ours")
                ours.owner = .current
                try await history.insert(contentsOf: [live, gone, unknown, ours])

                let claimed = try await history.claimInFlight { $0.workflowName != "ours" }
                #expect(Set(claimed.map(\.record.workflowName)) == ["gone", "unknown"])
                #expect(claimed.allSatisfy { $0.record.owner == .current })
                #expect(claimed.first { $0.record.id == gone.id }?.formerOwner == gone.owner)
                #expect(claimed.first { $0.record.id == unknown.id }?.formerOwner == nil)
                #expect(try await history.record(gone.id)?.owner == .current)
                #expect(try await history.record(live.id)?.owner == other, "a live process keeps its run")
                #expect(try await history.claim(live.id) == other)
                #expect(try await history.claim(unknown.id) == nil)
            }
        }
    }

    /// A sweep whose app went away between two prompts (none in flight) is found through its plan; one that ended, one
    /// a live process runs or follows, one with a prompt in flight, one that never routed a prompt and one that names no
    /// app are not.
    @Test func aSweepLeftBetweenTwoPromptsIsClaimedOnlyWhenItsAppIsGoneAndItNeverEnded() async throws {
        try await withTemporaryDirectory("ck-owner") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let points = (0..<3).map { SweepPlan.Point(index: $0, values: ["seed": .int($0)], varied: [("seed", .int($0))]) }
            try await withAnotherProcess { other in
                let gone = RunOwner(pid: other.pid, started: other.started + 1, boot: other.boot)
                func prompt(_ sweepID: String, _ index: Int, status: RunRecordStatus = .completed) -> RunRecord {
                    var record = RunHistoryTests.record(sweepID, status: status, promptID: "p-\(sweepID)-\(index)")
                    (record.sweepID, record.sweepIndex, record.sweepSize, record.owner) = (sweepID, index, 3, gone)
                    return record
                }
                let sweeps: [(id: String, owner: RunOwner?, routed: [RunRecord])] = [
                    ("between", gone, [prompt("between", 0), prompt("between", 1)]),
                    ("ended", gone, [prompt("ended", 0)]),
                    ("live", other, [prompt("live", 0)]),
                    ("inflight", gone, [prompt("inflight", 0), prompt("inflight", 1, status: .running)]),
                    ("allrouted", gone, [prompt("allrouted", 0), prompt("allrouted", 1), prompt("allrouted", 2, status: .error)]),
                    ("norecord", gone, []),
                    ("noowner", nil, [prompt("noowner", 0)]),
                    // Its app is gone, and a live process (`runs watch`) follows its prompt in flight.
                    ("watched", gone, [prompt("watched", 0), { var watched = prompt("watched", 1, status: .running); watched.owner = other; return watched }()]),
                ]
                for sweep in sweeps {
                    try await history.recordPlan(points, ofSweep: sweep.id, owner: sweep.owner)
                    try await history.insert(contentsOf: sweep.routed)
                }
                try await history.recordEnd(ofSweep: "ended")

                let left = try await history.leftSweeps()
                #expect(Set(left.map(\.sweepID)) == ["between", "inflight"], "what `runs ls` names")
                #expect(left.first { $0.sweepID == "between" }.map { ($0.unsent, $0.inFlight, $0.size) } ?? (0, 0, 0) == (1, 0, 3))
                #expect(left.first { $0.sweepID == "inflight" }.map { ($0.unsent, $0.inFlight) } ?? (0, 0) == (1, 1))
                #expect(try await history.claimLeftSweeps() == ["between"])
                #expect(try await history.endOfSweep("between") == nil, "it goes again, in this process")
                #expect(try await history.endOfSweep("allrouted") != nil, "every prompt was routed and ended: it ended")
                #expect(try await history.claimSweep("between") == nil)
                #expect(try await history.claimSweep("live") == other)
                #expect(try await history.claimLeftSweeps().isEmpty, "this process runs it now")
                // Its in-flight prompt brings "inflight" back; claiming it makes the plan go again as this process's.
                #expect(try await history.claimInFlight { $0.sweepID == "inflight" }.map(\.record.sweepIndex) == [1])
                #expect(try await history.endOfSweep("inflight") == nil)
            }
        }
    }

    @Test func aSweepALiveProcessRunsIsLeftToItWholeAndOneWhoseProcessIsGoneIsClaimedWhole() async throws {
        try await withTemporaryDirectory("ck-owner") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let points = (0..<3).map { SweepPlan.Point(index: $0, values: ["seed": .int($0)], varied: [("seed", .int($0))]) }
            try await withAnotherProcess { other in
                // Sweep "held": its process lives, and its prompt in flight was recorded before owners were kept.
                try await history.recordPlan(points, ofSweep: "held", owner: other)
                var held = RunHistoryTests.record("held", promptID: "p-held")
                (held.sweepID, held.sweepIndex, held.sweepSize) = ("held", 0, 3)
                // Sweep "left": its process is gone.
                try await history.recordPlan(points, ofSweep: "left", owner: nil)
                var left = RunHistoryTests.record("left", promptID: "p-left")
                (left.sweepID, left.sweepIndex, left.sweepSize) = ("left", 1, 3)
                left.owner = RunOwner(pid: other.pid, started: other.started + 1, boot: other.boot)
                try await history.insert(contentsOf: [held, left])

                #expect(try await history.claimInFlight { _ in true }.map(\.record.workflowName) == ["left"])
                #expect(try await history.claimSweep("held") == other)
                #expect(try await history.claim(held.id) == other, "a prompt of a live sweep is its process's")
                #expect(try await history.record(held.id)?.owner == nil)
                // Claimed already by this process: claiming again is a no-op.
                #expect(try await history.claimSweep("left") == nil)
                #expect(try await history.record(left.id)?.owner == .current)
            }
        }
    }
}
