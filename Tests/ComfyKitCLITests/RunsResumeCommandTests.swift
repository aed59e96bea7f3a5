import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Issue 16: `comfykit runs resume` finishes a sweep whose process went away (killed, or the TUI left with `l`).
extension RunsCommandTests {
    /// Sweep `5eeb...` of 09_text_output over alpha, beta, gamma, as a killed process left it: alpha ended, beta
    /// sent and running on `double`, gamma planned and never sent.
    func recordLeftSweep(on double: RunningDouble, sandbox: Sandbox) async throws -> (sweepID: String, running: RunRecord) {
        let history = try RunHistory(url: sandbox.historyURL)
        let sweepID = RunRecord.newID()
        let points = ["alpha", "beta", "gamma"].enumerated().map { index, text in
            SweepPlan.Point(index: index, values: ["text": .string(text), "number": .int(1)], varied: [("text", .string(text))])
        }
        try await history.recordPlan(points, ofSweep: sweepID, owner: nil)
        func join(_ record: RunRecord, at index: Int) async throws -> RunRecord {
            try #require(try await history.update(record.id) { record in
                record.sweepID = sweepID
                record.sweepIndex = index
                record.sweepSize = 3
                record.sweepVariedJSON = #"[{"name":"text","value":"\#(["alpha", "beta", "gamma"][index])"}]"#
            })
        }
        let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
        let file = SharedFixtures.workflow("09_text_output").path
        var ended = kit.runRecord(for: try await kit.load(.file(path: file)), source: .file(path: file), params: points[0].values)
        await kit.close()
        ended.status = .completed
        ended.promptID = "ended-before"
        _ = try await join(try await history.insert(ended), at: 0)
        let running = try await recordInFlight("09_text_output", params: points[1].values, double: double, sandbox: sandbox)
        return (sweepID, try await join(running, at: 1))
    }

    @Test func resumeFollowsTheSweepsRunningPromptSendsItsUnsentOneAndKeepsItsEndedOne() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(600) }) { double in
                let (sweepID, running) = try await recordLeftSweep(on: double, sandbox: sandbox)
                let resumed = try await sandbox.comfykit(["runs", "resume", running.id])
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(resumed.stderr.contains("sweep \(sweepID) of 09_text_output: 1 of 3 ended, 1 to follow, 1 to send"), "\(resumed.stderr)")
                let rows = resumed.stdout.split(separator: "\n")
                for text in ["alpha", "beta", "gamma"] {
                    #expect(rows.contains { $0.contains(text) && $0.contains("completed") }, "\(resumed.stdout)")
                }
                // beta was followed, not sent again; gamma was sent once.
                let prompts = await double.recordedRequests().filter { $0.route == "/prompt" }
                #expect(prompts.count == 2)
                let records = try await RunHistory(url: sandbox.historyURL).sweep(sweepID)
                #expect(records.map(\.sweepIndex) == [0, 1, 2])
                #expect(records.allSatisfy { $0.status == .completed && $0.sweepSize == 3 }, "\(records.map(\.status))")
                #expect(records[1].id == running.id && records[1].promptID == running.promptID)
                #expect(records[2].params["text"] == .string("gamma"))
                #expect(try await RunHistory(url: sandbox.historyURL).endOfSweep(sweepID) != nil, "finished: the TUI does not bring it back")
            }
        }
    }

    /// A sweep whose app is gone shows in `runs ls` with what it left (its unsent prompts show nowhere else) and the
    /// command that finishes it; once resumed, it ended and is no longer named.
    @Test func lsNamesASweepLeftByAGoneAppUntilItIsResumed() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(300) }) { double in
                let (sweepID, running) = try await recordLeftSweep(on: double, sandbox: sandbox)
                let history = try RunHistory(url: sandbox.historyURL)
                let current = try #require(RunOwner.current)
                let gone = RunOwner(pid: current.pid, started: current.started + 1, boot: current.boot)
                try await history.recordPlan(try await history.plannedPoints(ofSweep: sweepID), ofSweep: sweepID, owner: gone)
                for record in try await history.sweep(sweepID) { _ = try await history.update(record.id) { $0.owner = gone } }
                let first = try #require(try await history.sweep(sweepID).first)
                #expect(try await history.leftSweeps().map(\.sweepID) == [sweepID])

                let listed = try await sandbox.comfykit(["runs", "ls"])
                #expect(listed.status == 0, "\(listed.stderr)")
                #expect(listed.stderr.contains("sweep \(sweepID) of 09_text_output was left by its app, now gone, with 1 never sent and 1 in flight "
                    + "of its 3 prompts: `comfykit runs resume \(first.id)` finishes it"), "\(listed.stderr)")
                #expect(try await sandbox.comfykit(["runs", "ls", "--json"]).stderr.isEmpty, "JSON output carries no notes")

                let resumed = try await sandbox.comfykit(["runs", "resume", running.id])
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(try await sandbox.comfykit(["runs", "ls"]).stderr.isEmpty)
                #expect(try await history.leftSweeps().isEmpty)
            }
        }
    }

    /// A sweep over two servers resumed with no `--server` routes over both again (its plan keeps them), not over
    /// the server of the run named alone. Its prompts sent and never confirmed (the app died before the answer) are
    /// asked for by the id they were sent under: one that arrived is followed, not sent twice; one its server never
    /// received is sent again, into its record.
    @Test func resumeRoutesOverTheSweepsServersAndSettlesPromptsNeverConfirmed() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(300) }) { first in
                try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(300) }) { second in
                    let history = try RunHistory(url: sandbox.historyURL)
                    let sweepID = RunRecord.newID()
                    let texts = ["a", "b", "c", "d", "e", "f"]
                    let points = texts.enumerated().map { index, text in
                        SweepPlan.Point(index: index, values: ["text": .string(text), "number": .int(1)], varied: [("text", .string(text))])
                    }
                    let servers = [first.baseURL.redactedForDisplay, second.baseURL.redactedForDisplay]
                    try await history.recordPlan(points, ofSweep: sweepID, servers: servers, owner: nil)
                    /// A record of prompt `index` sent to its server under `promptID` and never confirmed.
                    func unconfirmed(_ record: RunRecord, at index: Int) async throws -> RunRecord {
                        try #require(try await history.update(record.id) { record in
                            record.requestedPromptID = record.promptID
                            record.promptID = nil
                            record.sweepID = sweepID
                            record.sweepIndex = index
                            record.sweepSize = texts.count
                            record.sweepVariedJSON = #"[{"name":"text","value":"\#(texts[index])"}]"#
                        })
                    }
                    let arrived = try await unconfirmed(
                        try await recordInFlight("09_text_output", params: points[0].values, double: first, sandbox: sandbox), at: 0)
                    let neverArrived = try await unconfirmed(
                        try await recordInFlight("09_text_output", params: points[1].values, double: second, sandbox: sandbox, submit: false), at: 1)

                    let resumed = try await sandbox.comfykit(["runs", "resume", neverArrived.id])
                    #expect(resumed.status == 0, "\(resumed.stderr)")
                    #expect(resumed.stderr.contains(
                        "sweep \(sweepID) of 09_text_output: 0 of 6 ended, 1 to follow, 5 to send (1 of them sent before and never received)"),
                        "\(resumed.stderr)")
                    let sentToFirst = await first.recordedRequests().filter { $0.route == "/prompt" }.count
                    let sentToSecond = await second.recordedRequests().filter { $0.route == "/prompt" }.count
                    #expect(sentToFirst + sentToSecond == 1 + 5, "the prompt that arrived is not sent again")
                    #expect(sentToFirst > 1 && sentToSecond > 0, "both servers of the sweep get prompts: \(sentToFirst), \(sentToSecond)")

                    let records = try await history.sweep(sweepID)
                    #expect(records.map(\.sweepIndex) == [0, 1, 2, 3, 4, 5])
                    #expect(records.allSatisfy { $0.status == .completed }, "\(records.map(\.status))")
                    #expect(records[0].id == arrived.id && records[0].promptID == arrived.requestedPromptID)
                    #expect(records[1].id == neverArrived.id, "sent again into its own record")
                    #expect(records[1].promptID != nil && records[1].promptID != neverArrived.requestedPromptID, "under a new id")
                    #expect(Set(records.map(\.server)) == Set(servers))
                }
            }
        }
    }

    @Test func resumeOfARunOutsideASweepPointsToWatch() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let record = try await recordInFlight("09_text_output", params: ["text": "hi"], double: double, sandbox: sandbox)
                let resumed = try await sandbox.comfykit(["runs", "resume", record.id])
                #expect(resumed.status == 1)
                #expect(resumed.stderr.contains("run \(record.id) is not part of a sweep: `comfykit runs watch \(record.id)` follows it"), "\(resumed.stderr)")
            }
        }
    }
}

/// A sweep or a run another live process still runs is left to it.
extension RunsCommandTests {
    @Test func resumeLeavesASweepALiveProcessStillRunsToIt() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(600) }) { double in
                let (sweepID, running) = try await recordLeftSweep(on: double, sandbox: sandbox)
                try await withAnotherLiveProcess { pid in
                    let history = try RunHistory(url: sandbox.historyURL)
                    let owner = try #require(RunOwner.of(pid: pid))
                    try await history.update(running.id) { $0.owner = owner }
                    let resumed = try await sandbox.comfykit(["runs", "resume", running.id])
                    #expect(resumed.status == 1)
                    #expect(resumed.stderr.contains("sweep \(sweepID) is still run by process \(pid): resume it once that process has ended"), "\(resumed.stderr)")
                    #expect(await double.recordedRequests().filter { $0.route == "/prompt" }.count == 1, "only the recorded prompt; nothing sent")
                    #expect(try await history.record(running.id)?.owner == owner)
                }
                // Once that process is gone, the sweep is resumed.
                let resumed = try await sandbox.comfykit(["runs", "resume", running.id])
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }
        }
    }

    @Test func watchOfARunALiveProcessRunsFollowsItsEndWithoutTakingItsSocketId() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(400) }) { double in
                let running = try await recordInFlight("09_text_output", params: ["text": "hi"], double: double, sandbox: sandbox)
                try await withAnotherLiveProcess { pid in
                    try await RunHistory(url: sandbox.historyURL).update(running.id) { $0.owner = RunOwner.of(pid: pid) }
                    let watched = try await sandbox.comfykit(["runs", "watch", running.id])
                    #expect(watched.status == 0, "\(watched.stderr)")
                    #expect(watched.stderr.contains("run \(running.id) is run by process \(pid): following its end only"), "\(watched.stderr)")
                    #expect(await double.recordedRequests().allSatisfy { !$0.path.contains("clientId=gone") }, "the submitter's socket id is left to it")
                    #expect(try await sandbox.runs([]).first?["status"] == "completed")
                }
            }
        }
    }
}

extension RunsCommandTests {
    @Test func lsSaysWhichRunsInFlightHaveLostTheirApp() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let unknown = try await recordInFlight("09_text_output", params: ["text": "a"], double: double, sandbox: sandbox, submit: false)
                let gone = try await recordInFlight("09_text_output", params: ["text": "b"], double: double, sandbox: sandbox, submit: false)
                let live = try await recordInFlight("09_text_output", params: ["text": "c"], double: double, sandbox: sandbox, submit: false)
                let history = try RunHistory(url: sandbox.historyURL)
                let current = try #require(RunOwner.current)
                let ended = RunOwner(pid: current.pid, started: current.started + 1, boot: current.boot)
                try await history.update(gone.id) { $0.owner = ended }
                try await withAnotherLiveProcess { pid in
                    try await history.update(live.id) { $0.owner = RunOwner.of(pid: pid) }
                    let listed = try await sandbox.comfykit(["runs", "ls"])
                    #expect(listed.status == 0, "\(listed.stderr)")
                    let rows = listed.stdout.split(separator: "\n")
                    #expect(rows.first { $0.contains(gone.id) }?.contains("running (app gone)") == true, "\(listed.stdout)")
                    for id in [unknown.id, live.id] {
                        let row = try #require(rows.first { $0.contains(id) })
                        #expect(row.contains("running") && !row.contains("app gone"), "\(row)")
                    }
                    let objects = try await sandbox.runs([])
                    func app(_ id: String) -> JSONValue? { objects.first { $0["id"] == .string(id) }?["app"] }
                    #expect(app(unknown.id) == .null)
                    #expect(app(gone.id) == .object(["pid": .int(Int(current.pid)), "alive": .bool(false)]))
                    #expect(app(live.id) == .object(["pid": .int(Int(pid)), "alive": .bool(true)]))
                }
            }
        }
    }
}
