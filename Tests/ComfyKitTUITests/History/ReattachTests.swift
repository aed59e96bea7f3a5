import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 13, part 4: runs an earlier session left in flight are looked up where they ran at start — followed
/// again while queued or running, filled in when they ended meanwhile, lost when the server no longer knows them.
@Suite(.serialized) struct ReattachTests {
    /// The screen's top line: the header, with the count of runs going at its end.
    static func header(_ screen: String) -> String {
        String(screen.prefix { $0 != "\n" })
    }

    static func record(_ name: String = "19_long_running_blur_chain", promptID: String? = "p-1", server: String = "http://127.0.0.1:8188") -> RunRecord {
        RunRecord(workflowName: name, workflowSource: "/flows/\(name).json", workflowJSON: "{}", sentHash: "0", paramsJSON: "{}",
                  target: .comfyUI, server: server, promptID: promptID)
    }

    @Test func runsFoundInFlightGoOnTheStripEachFollowedUnderItsOwnRunID() throws {
        var state = try Fixtures.loadedState()
        let first = Self.record("a"), second = Self.record("b")
        let effects = update(&state, .inFlightFound([first, second]))
        #expect(effects == [.followRecorded(runID: 1, record: first), .followRecorded(runID: 2, record: second)])
        #expect(state.runs.all.map(\.recordID) == [first.id, second.id])
        #expect(state.runs.all.allSatisfy { $0.isActive })
        #expect(state.status == "re-attaching 2 run(s) left in flight: a, b")
        #expect(state.runs.all[0].log.last?.contains("re-attaching run \(first.id) (prompt p-1") == true)
    }

    /// One prompt of a three-prompt sweep, as SweepRecorder writes it: alpha, beta, gamma for indexes 0, 1, 2.
    static func sweepPrompt(_ index: Int, status: RunRecordStatus, promptID: String?) throws -> RunRecord {
        var record = Self.record("09_text_output", promptID: promptID)
        record.workflowJSON = try String(contentsOfFile: SharedFixtures.workflow("09_text_output").path, encoding: .utf8)
        let text = ["alpha", "beta", "gamma"][index]
        record.paramsJSON = #"{"text":"\#(text)"}"#
        record.status = status
        if status == .completed {
            record.resultJSON = String(decoding: try JSONEncoder().encode(ExecuteResult(status: .completed, promptID: promptID)), as: UTF8.self)
        }
        record.sweepID = "5eeb0001"
        record.sweepIndex = index
        record.sweepSize = 3
        record.sweepVariedJSON = #"[{"name":"text","value":"\#(text)"}]"#
        return record
    }

    @Test func aSweepLeftInFlightComesBackAsOneGroupItsEndedPromptsKeptItsRunningOnesFollowed() throws {
        var state = try Fixtures.loadedState()
        let ended = try Self.sweepPrompt(0, status: .completed, promptID: "p-0")
        let running = try Self.sweepPrompt(1, status: .running, promptID: "p-1")
        let effects = update(&state, .inFlightSweepFound(LeftSweep(records: [ended, running], unsent: [])))
        #expect(effects == [.followRecorded(runID: 2, record: running)])
        #expect(state.runs.all.map(\.sweep?.sweepID) == [1, 1, 1], "one group")
        #expect(state.runs.all.map(\.sweepLabel) == ["text=alpha", "text=beta", ""])
        #expect(state.runs.all.map(\.recordID) == [ended.id, running.id, nil])
        #expect(state.runs.all[0].phase == .finished(.completed))
        #expect(state.runs.all[1].isActive)
        #expect(state.runs.all[2].phase == .finished(.interrupted) && state.runs.all[2].message?.contains("never sent") == true)
        #expect(state.status.contains("1 of 3 prompt(s) still going, 1 ended, 1 never sent"), "\(state.status)")
    }

    /// A sweep left with `l` before its last prompt was routed: the planned prompt is sent now, under its run and
    /// with its values, and its record joins the recorded sweep; a prompt routed but never submitted (the server may
    /// have it) is not sent twice.
    @Test func aSweepLeftBeforeItsLastPromptWasSentSendsItAndOnlyIt() throws {
        var state = try Fixtures.loadedState()
        let running = try Self.sweepPrompt(0, status: .running, promptID: "p-0")
        let routedOnly = try Self.sweepPrompt(1, status: .running, promptID: nil)
        let gamma = SweepPlan.Point(index: 2, values: ["text": .string("gamma")], varied: [("text", .string("gamma"))])
        let effects = update(&state, .inFlightSweepFound(LeftSweep(records: [running, routedOnly], unsent: [gamma])))
        let workflow = try #require(try? running.workflow())
        #expect(effects == [
            .followRecorded(runID: 1, record: running),
            .resumeSweep(sweepID: 1, resumed: ResumedSweep(
                recordedID: "5eeb0001", size: 3, workflowPath: running.workflowSource,
                workflow: LoadedWorkflow(workflow: workflow, runningHubID: nil), points: [gamma])),
        ])
        #expect(state.runs.all.map(\.sweepLabel) == ["text=alpha", "", "text=gamma"])
        #expect(state.runs.all[1].phase == .finished(.interrupted) && state.runs.all[1].message?.contains("never sent") == true)
        #expect(state.runs.all[2].isActive)
        #expect(state.runs.all[2].log.last == "not sent by the app that ran the sweep: sending it now")
        #expect(state.status.contains("1 of 3 prompt(s) still going, 0 ended, 1 not yet sent: sending now, 1 never sent"), "\(state.status)")
    }

    /// A sweep whose app died between two prompts (none in flight, one planned and never sent) comes back at the next
    /// start: found through its plan, which says it never ended, and its unsent prompt is sent. A sweep that ended (or
    /// was cancelled) stays as it is.
    @Test func aSweepWhoseAppDiedBetweenTwoPromptsComesBackAndSendsItsRest() async throws {
        try await withTemporaryDirectory("ckt-state") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:8188")), environment: [:]))
            let current = try #require(RunOwner.current)
            let gone = RunOwner(pid: current.pid, started: current.started + 1, boot: current.boot)
            let points = ["alpha", "beta", "gamma"].enumerated().map { index, text in
                SweepPlan.Point(index: index, values: ["text": .string(text)], varied: [("text", .string(text))])
            }
            var ended = [try Self.sweepPrompt(0, status: .completed, promptID: "p-0"), try Self.sweepPrompt(1, status: .completed, promptID: "p-1")]
            for index in ended.indices { ended[index].owner = gone }
            try await history.recordPlan(points, ofSweep: "5eeb0001", owner: gone)
            // The same sweep's shape, cancelled with `c` by its app before its last prompt: not brought back.
            var cancelled = try Self.sweepPrompt(0, status: .interrupted, promptID: "p-9")
            cancelled.sweepID = "5eeb0002"
            try await history.recordPlan(points, ofSweep: "5eeb0002", owner: gone)
            try await history.recordEnd(ofSweep: "5eeb0002")
            try await history.insert(contentsOf: ended + [cancelled])

            let found = try await InFlightRuns.lookUp(in: history, for: kit)
            #expect(found.records.isEmpty && found.sweepIDs == ["5eeb0001"])
            let (singles, sweeps) = try await InFlightRuns.sweeps(among: found.records, alsoSweeps: found.sweepIDs, in: history)
            #expect(singles.isEmpty && sweeps.count == 1)
            let left = try #require(sweeps.first)
            #expect(left.records.map(\.sweepIndex) == [0, 1] && left.unsent.map(\.index) == [2])

            var state = try Fixtures.loadedState()
            let effects = update(&state, .inFlightSweepFound(left))
            let workflow = try #require(try? ended[0].workflow())
            #expect(effects == [.resumeSweep(sweepID: 1, resumed: ResumedSweep(
                recordedID: "5eeb0001", size: 3, workflowPath: ended[0].workflowSource,
                workflow: LoadedWorkflow(workflow: workflow, runningHubID: nil), points: [points[2]]))])
            #expect(state.runs.all.prefix(2).map(\.phase) == [.finished(.completed), .finished(.completed)] && state.runs.all[2].isActive)
            #expect(state.status.contains("0 of 3 prompt(s) still going, 2 ended, 1 not yet sent: sending now"), "\(state.status)")
            // This session runs it now: a second look finds nothing.
            #expect(try await InFlightRuns.lookUp(in: history, for: kit).sweepIDs.isEmpty)
            await kit.close()
        }
    }

    /// A sweep's prompts sent and never confirmed (the app died before the server answered) are asked for by the id
    /// they were sent under: the one the server has is followed (its record now says so); the one it never received
    /// is sent again with the sweep, as a prompt never routed.
    @Test func aSweepsPromptsNeverConfirmedAreFollowedWhereTheyArrivedAndSentAgainWhereTheyDidNot() async throws {
        try await withTemporaryDirectory("ckt-state") { folder in
            try await withComfyUIDouble({ $0.nodeDurations[.nodeID("1")] = .milliseconds(300) }) { double in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
                let server = kit.serverName
                let current = try #require(RunOwner.current)
                let gone = RunOwner(pid: current.pid, started: current.started + 1, boot: current.boot)
                let points = ["alpha", "beta", "gamma"].enumerated().map { index, text in
                    SweepPlan.Point(index: index, values: ["text": .string(text), "number": .int(1)], varied: [("text", .string(text))])
                }
                try await history.recordPlan(points, ofSweep: "5eeb0001", servers: [server], owner: gone)
                var records = [try Self.sweepPrompt(0, status: .completed, promptID: "p-0"),
                               try Self.sweepPrompt(1, status: .running, promptID: nil), try Self.sweepPrompt(2, status: .running, promptID: nil)]
                for index in records.indices {
                    records[index].owner = gone
                    records[index].server = server
                }
                records[1].requestedPromptID = UUID().uuidString.lowercased()
                records[2].requestedPromptID = UUID().uuidString.lowercased()
                let workflow = try records[1].workflow()
                let bound = try ParamBinder.bind(workflow, spec: try WorkflowSpec(workflow), values: points[1].values)
                _ = try await kit.client.submit(prompt: bound.workflow.promptJSON, clientID: "gone", promptID: records[1].requestedPromptID)
                try await history.insert(contentsOf: records)

                let found = try await InFlightRuns.lookUp(in: history, for: kit)
                #expect(found.records.map(\.id) == [records[1].id])
                #expect(found.records.first?.promptID == records[1].requestedPromptID)
                #expect(try await history.record(records[1].id)?.promptID == records[1].requestedPromptID, "the record says it was submitted")
                #expect(try await history.record(records[2].id) == nil, "never received: its record goes, the sweep sends it again")
                #expect(found.sweepIDs.contains("5eeb0001"))
                let (_, sweeps) = try await InFlightRuns.sweeps(among: found.records, alsoSweeps: found.sweepIDs, in: history)
                let left = try #require(sweeps.first)
                #expect(sweeps.count == 1 && left.records.map(\.sweepIndex) == [0, 1] && left.unsent.map(\.index) == [2])
                await kit.close()
            }
        }
    }

    @Test func aRunFoundOnAnotherServerIsFollowedThereAndItsRecordCorrected() throws {
        var state = try Fixtures.loadedState()
        let record = Self.record(server: "http://127.0.0.1:8188")
        _ = update(&state, .inFlightFound([record]))
        let effects = update(&state, .recordedRunPlaced(runID: 1, record: record, .server("box2")))
        #expect(effects == [.recordServer(recordID: record.id, server: "box2"), .followRecordedOn(runID: 1, record: record, server: "box2")])
        #expect(state.runs.all[0].server == "box2")
        #expect(state.runs.all[0].isActive)
    }

    /// `c` on a re-attached sweep before its prompt in flight was found on a server: there was no handle to cancel,
    /// so once found it is followed and cancelled at once (the server interrupts or drops it), and stays ended.
    @Test func aReattachedPromptCancelledBeforeItWasFoundIsCancelledOnItsServerOnceFound() throws {
        var state = try Fixtures.loadedState()
        let ended = try Self.sweepPrompt(0, status: .completed, promptID: "p-0")
        let running = try Self.sweepPrompt(1, status: .running, promptID: "p-1")
        _ = update(&state, .inFlightSweepFound(LeftSweep(records: [ended, running], unsent: [])))
        _ = state.runs.cancelSweep(of: state.runs.all[1], status: &state.status)
        #expect(state.runs.all[1].phase == .finished(.interrupted))
        let effects = update(&state, .recordedRunPlaced(runID: 2, record: running, .server(running.server)))
        #expect(effects == [.followRecordedOn(runID: 2, record: running, server: running.server), .cancelRun(runID: 2)])
        #expect(state.runs.all[1].phase == .finished(.interrupted))
        #expect(state.runs.all[1].log.last == "found on \(running.server) after it was cancelled: cancelling it there")
    }

    @Test func aRunOnItsOwnServerIsFollowedThereWithoutRewritingItsRecord() throws {
        var state = try Fixtures.loadedState()
        let record = Self.record(server: "box2")
        _ = update(&state, .inFlightFound([record]))
        #expect(update(&state, .recordedRunPlaced(runID: 1, record: record, .server("box2"))) == [.followRecordedOn(runID: 1, record: record, server: "box2")])
    }

    @Test func aRunWhoseServerIsDownEndsOnTheStripSayingSoAndStaysRecordedInFlight() throws {
        var state = try Fixtures.loadedState()
        let record = Self.record(server: "box2")
        _ = update(&state, .inFlightFound([record]))
        let effects = update(&state, .recordedRunPlaced(runID: 1, record: record, .down(server: "box2", reason: "not answering")))
        #expect(effects.isEmpty, "nothing recorded: a later start looks for it again")
        #expect(!state.runs.all[0].isActive)
        #expect(state.status.contains("its server box2 is down (not answering)") && state.status.contains("stays recorded in flight"), "\(state.status)")
    }

    @Test func aRunFromAServerNotConfiguredEndsOnTheStripNamingTheFlagThatFollowsIt() throws {
        var state = try Fixtures.loadedState()
        let record = Self.record(server: "http://box9:8188")
        _ = update(&state, .inFlightFound([record]))
        let place = RecordedPromptPlace.notConfigured(server: "http://box9:8188", configured: ["box1", "box2"])
        #expect(update(&state, .recordedRunPlaced(runID: 1, record: record, place)).isEmpty)
        #expect(!state.runs.all[0].isActive)
        #expect(state.status.contains("not among this session's servers (box1, box2)") && state.status.contains("--server http://box9:8188"), "\(state.status)")
    }

    @Test func onlyRunsOnThisSessionsServerAreReattached() throws {
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:8188")), environment: [:]))
        #expect(InFlightRuns.belongs(Self.record(server: "http://127.0.0.1:8188"), to: kit))
        #expect(!InFlightRuns.belongs(Self.record(server: "http://127.0.0.1:9999"), to: kit))
        var cloud = Self.record(server: kit.configuration.runningHubBaseURL.absoluteString)
        cloud.target = .runningHub
        #expect(!InFlightRuns.belongs(cloud, to: kit), "no RunningHub key: a cloud task cannot be followed")
    }

    @Test func aRunNeverSubmittedIsLostOnceItsAppIsGoneOrItIsOld() async throws {
        try await withTemporaryDirectory("ckt-state") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:8188")), environment: [:]))
            var old = Self.record("old", promptID: nil)
            old.createdAt = Date().addingTimeInterval(-2 * InFlightRuns.submissionGrace)
            let recent = Self.record("recent", promptID: nil)
            // Recent too, but its record names its app, and that app is gone (a pid this session's start tick is not).
            var orphan = Self.record("orphan", promptID: nil)
            let current = try #require(RunOwner.current)
            orphan.owner = RunOwner(pid: current.pid, started: current.started + 1, boot: current.boot)
            let submitted = Self.record("submitted")
            try await history.insert(contentsOf: [old, recent, orphan, submitted])
            #expect(try await InFlightRuns.lookUp(in: history, for: kit).records.map(\.id) == [submitted.id])
            let lost = try #require(try await history.record(old.id))
            #expect(lost.status == .error && lost.message?.contains("never submitted") == true)
            #expect(try await history.record(orphan.id)?.status == .error, "its app is gone: it will never be submitted")
            #expect(try await history.record(recent.id)?.status == .running, "another app may still be submitting it")
            await kit.close()
        }
    }

    /// Three runs left in flight: one that completed meanwhile, one the server never heard of, one still running.
    @Test func aNewSessionFillsInEndedRunsMarksUnknownOnesLostAndFollowsRunningOnesToTheirEnd() async throws {
        try await withComfyUIDoubleProcess(["--slow", "ImageBlur=1000"]) { double in
            try await withTemporaryDirectory("ckt-state") { folder in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL), environment: [:]))
                let path = SharedFixtures.workflow("19_long_running_blur_chain").path
                let loaded = try await kit.load(.file(path: path))
                func leftInFlight(_ handle: RunHandle) async throws -> RunRecord {
                    var promptID: String?
                    for await event in handle.events {
                        if case .submitted(let id) = event { promptID = id; break }
                    }
                    var record = kit.runRecord(for: loaded, source: .file(path: path), params: [:])
                    let submitted = try #require(promptID)
                    record.promptID = submitted
                    return try await history.insert(record)
                }
                // Different seeds: the server would answer an identical prompt from its cache at once.
                let endedHandle = kit.run(loaded, params: ["seed": .int(1)])
                let ended = try await leftInFlight(endedHandle)
                _ = await endedHandle.result
                var lost = kit.runRecord(for: loaded, source: .file(path: path), params: [:])
                lost.promptID = UUID().uuidString.lowercased()
                lost = try await history.insert(lost)
                let running = try await leftInFlight(kit.run(loaded, params: ["seed": .int(2)]))

                let session = HeadlessSession(server: double.baseURL, history: history, folder: SharedFixtures.workflowsDirectory.path)
                let (missed, screen) = try await session.run([
                    .when("the running one followed live", { Self.header($0).hasSuffix(" 1 running") }, press: []),
                    .when("every run ended", { $0.contains("completed") && !Self.header($0).hasSuffix(" running") }, press: [.character("q")]),
                ])
                #expect(missed == nil, "screen:\n\(screen)")
                let endedNow = try #require(try await history.record(ended.id))
                #expect(endedNow.status == .completed && endedNow.result?.imagesByVar["result"]?.isEmpty == false)
                let lostNow = try #require(try await history.record(lost.id))
                #expect(lostNow.status == .error && lostNow.message?.contains("no longer knows prompt") == true, "\(lostNow)")
                let runningNow = try #require(try await history.record(running.id))
                #expect(runningNow.status == .completed && runningNow.result?.imagesByVar["result"]?.isEmpty == false)
                await kit.close()
            }
        }
    }
}
