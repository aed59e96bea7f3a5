import ComfyKit
import Foundation
import RunningHubTestDouble
import Testing

/// The Python ComfyKit's verified RunningHub bugs, each shown not to happen here.
@Suite struct RunningHubPythonBugsTests {
    /// Bug 2: a `_source: runninghub` file always failed with "workflow_id not found in metadata".
    @Test func bug02_aRunningHubStubFileRunsItsCloudWorkflow() async throws {
        let stub = FileManager.default.temporaryDirectory.appendingPathComponent("rh-stub-\(UUID().uuidString).json")
        try Data(#"{"_source": "runninghub", "workflow_id": "1987"}"#.utf8).write(to: stub)
        defer { try? FileManager.default.removeItem(at: stub) }
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(.file(path: stub.path), params: ["prompt": "a dog"])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(result.imagesByVar["cover"]?.count == 1)
            let inMemory = await kit.executeJSON(["_source": "runninghub", "workflow_id": "1987"], params: ["prompt": "a dog"])
            #expect(inMemory.status == .completed, "\(inMemory.msg ?? "")")
            let bodies = await double.calls(to: "/task/openapi/create").map(\.body)
            #expect(bodies.count == 2)
            #expect(bodies.allSatisfy { $0.contains(#""workflowId":"1987""#) })
        }
    }

    /// Bug 3: a failed task said "failed: success" (the envelope's msg) instead of why.
    @Test func bug03_aFailedTaskReportsItsReasonNotTheEnvelopeMessage() async throws {
        try await RunningHubHarness.with({ $0.ending = .failure(failedReason: RunningHubDoubleConfiguration.documentedFailedReason) }) { _, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("success") == false)
            #expect(result.msg?.contains("missing 2 required positional arguments: 'clip_vision' and 'vae'") == true)
        }
    }

    /// Bug 4: an unknown status (`data: null`, a new code) was re-polled at once, in a busy loop.
    @Test func bug04_unknownStatesAreWaitedOnNotPolledInABusyLoop() async throws {
        var timing = RunningHubHarness.timing
        timing.pollInterval = .milliseconds(40)
        let unknown: [RunningHubDoubleConfiguration.TaskPhase] = [
            .unknown(#"{"code":0,"msg":"success","data":null}"#), .unknown(#"{"code":999,"msg":"SOMETHING_NEW","data":null}"#),
            .unknown(#"{"code":0,"msg":"success","data":"CANCELLED"}"#), .unknown(#"{"code":0,"msg":"success","data":null}"#),
        ]
        try await RunningHubHarness.with({ $0.phases = unknown }, timing: timing) { double, kit in
            let started = ContinuousClock.now
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .completed)
            #expect(await double.calls(to: "/task/openapi/outputs").count == 5)
            #expect(ContinuousClock.now - started >= .milliseconds(160))
        }
    }

    /// Bug 4, the other half: unknown states forever end the run instead of polling forever.
    @Test func bug04_endlessUnknownStatesEndTheRun() async throws {
        var timing = RunningHubHarness.timing
        timing.unknownStateLimit = 5
        try await RunningHubHarness.with({ $0.phases = Array(repeating: .unknown(#"{"code":0,"msg":"success","data":null}"#), count: 100) }, timing: timing) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("5 answers in a row that are not a known task state") == true)
            #expect(await double.calls(to: "/task/openapi/outputs").count == 5)
        }
    }

    /// Bug 13: a missing RunningHub key raised instead of returning a result.
    @Test func bug13_aMissingKeyIsAnErrorResultNotAThrow() async throws {
        try await RunningHubHarness.with(key: nil) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.hasPrefix("RunningHub workflows need an API key: set RUNNINGHUB_API_KEY") == true)
            #expect(await double.calls().isEmpty)
        }
    }

    /// Bug 14: `create` was retried (a lost answer made a second paid task) and so were permanent errors.
    @Test func bug14_createIsNeverResentAndPermanentErrorsAreNotRetried() async throws {
        try await RunningHubHarness.with({ $0.droppedCreateAnswers = 3 }) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(await double.calls(to: "/task/openapi/create").count == 1)
            #expect(await double.taskCount() == 1)
        }
        try await RunningHubHarness.with(key: "unknown-key") { double, kit in
            let started = ContinuousClock.now
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.msg?.contains("806") == true)
            #expect(await double.calls().count == 1)
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }

    /// Bug 15: a timeout of 0 failed at once after creating a paid task, and the time limit doubled as the request timeout.
    @Test func bug15_timeoutsAreValidatedSeparateAndEndWithStatusTimeout() async throws {
        #expect(throws: ConfigError.self) { try ComfyKitConfiguration.resolve(.init(runningHubTimeout: .zero), environment: [:]) }
        #expect(throws: ConfigError.self) { try ComfyKitConfiguration.resolve(environment: ["RUNNINGHUB_TIMEOUT": "0"]) }
        // A task limit shorter than the request timeout does not cut requests short, and ends with `timeout`.
        var overrides = ComfyKitConfiguration.Overrides()
        overrides.runningHubTimeout = .milliseconds(200)
        try await RunningHubHarness.with({ $0.phases = Array(repeating: .queued, count: 10_000) }, overrides: overrides) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .timeout)
            #expect(await double.calls(to: "/task/openapi/outputs").count > 1)
        }
    }

    /// Bug 16: gif, webm and mkv were classified differently on RunningHub and locally.
    @Test func bug16_outputsAreClassifiedAsLocalOnes() async throws {
        let files: [(String, String)] = [("a.gif", "gif"), ("b.webm", "webm"), ("c.mkv", "mkv"), ("d.png", "png"), ("e.wav", "wav"), ("f.zip", "zip")]
        try await RunningHubHarness.with({ $0.outputs = files.map { .init(path: "/cdn/output/" + $0.0, fileType: $0.1, nodeID: "20") } }) { _, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .completed)
            #expect(result.videos.map { URL(string: $0)!.lastPathComponent } == ["a.gif", "b.webm", "c.mkv"])
            #expect(result.images.map { URL(string: $0)!.lastPathComponent } == ["d.png"])
            #expect(result.audios.map { URL(string: $0)!.lastPathComponent } == ["e.wav"])
            for (name, type) in files {
                #expect(OutputCategory.classify(fileType: type) == OutputCategory.classify(filename: name, key: ""))
            }
        }
    }

    /// Bug 20: required params were not enforced on RunningHub, and a user's `seed=0` was sent as 0.
    @Test func bug20_requiredParamsAreEnforcedAndSeedZeroIsRandomised() async throws {
        try await RunningHubHarness.with { double, kit in
            let missing = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: [:])
            #expect(missing.status == .error)
            #expect(missing.msg == "Required parameter 'prompt' is missing (node 6 `text`, node 16 `text`)")
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)

            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "seed": 0])
            #expect(result.status == .completed)
            let seed = try await RunningHubHarness.nodeInfoList(double).first { $0["nodeId"] == "3" && $0["fieldName"] == "seed" }
            #expect(seed?["fieldValue"]?.intValue != nil)
            #expect(seed?["fieldValue"]?.intValue != 0)
        }
    }
}
