import ComfyKit
import ComfyKitTesting
import Foundation
import RunningHubTestDouble
import Testing

/// The v1 endpoints against the double: what is sent, and how each documented answer is read.
@Suite struct RunningHubAPITests {
    @Test func theCloudGraphIsReadFromItsStringPromptAndItsDSLBecomesTheSpec() async throws {
        try await RunningHubHarness.with { double, kit in
            let spec = try await kit.inspect(.runningHub(RunningHubHarness.workflowID))
            #expect(spec.params.map(\.name) == ["seed", "prompt", "negative", "image", "ref"])
            #expect(spec.param(named: "prompt")?.isRequired == true)
            #expect(spec.param(named: "prompt")?.bindings.map(\.nodeID) == ["6", "16"])
            #expect(spec.param(named: "image")?.kind == .media)
            let call = try #require(await double.calls().first)
            #expect(call.path == "/api/openapi/getJsonApiFormat")
            let body = try JSONValue(parsing: call.body)
            #expect(body["apiKey"] == .string(RunningHubHarness.key))
            #expect(body["workflowId"] == "1987")
        }
    }

    @Test func anUnknownWorkflowIdIsReportedWithItsCode() async throws {
        try await RunningHubHarness.with { _, kit in
            await #expect(throws: RunningHubError.self) { try await kit.load(.runningHub(RunningHubWorkflowID("42")!)) }
            let result = await kit.execute(.runningHub(RunningHubWorkflowID("42")!), params: ["prompt": "x"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("380 WORKFLOW_NOT_EXISTS") == true)
        }
    }

    @Test func aLocalImageIsUploadedAsMultipartWithTheKeyAndItsStoredNameIsSent() async throws {
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(RunningHubHarness.imagePath)])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            let upload = try #require(await double.uploads().first)
            #expect(upload.fields["apiKey"] == RunningHubHarness.key)
            #expect(upload.filename == "comfykit_test.png")
            let size = try Data(contentsOf: URL(fileURLWithPath: RunningHubHarness.imagePath)).count
            #expect(upload.size == size)
            let list = try await RunningHubHarness.nodeInfoList(double)
            #expect(list.contains(["nodeId": "10", "fieldName": "image", "fieldValue": .string(upload.storedName)]))
        }
    }

    @Test func aFileOverThirtyMegabytesIsRefusedBeforeAnythingIsSent() async throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("rh-big-\(UUID().uuidString).png")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: big) }
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(RunningHubClient.maxUploadBytes) + 1)
        try handle.close()
        try await RunningHubHarness.with { double, kit in
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(big.path)]).outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.msg?.contains("RunningHub accepts at most 31457280 bytes (30 MB) per file") == true)
            #expect(await double.calls(to: "/task/openapi/upload").isEmpty)
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
        }
    }

    @Test func createSendsWorkflowIdNodeInfoListInstanceTypeAndWebhook() async throws {
        var overrides = ComfyKitConfiguration.Overrides()
        overrides.runningHubInstanceType = "plus"
        try await RunningHubHarness.with(overrides: overrides) { double, kit in
            let options = RunOptions(webhookURL: URL(string: "https://example.com/hook")!)
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"], options: options)
            #expect(result.status == .completed)
            let body = try JSONValue(parsing: try #require(await double.calls(to: "/task/openapi/create").first).body)
            #expect(body.objectValue?.keys == ["apiKey", "workflowId", "nodeInfoList", "instanceType", "webhookUrl"])
            #expect(body["workflowId"] == "1987")
            #expect(body["instanceType"] == "plus")
            #expect(body["webhookUrl"] == "https://example.com/hook")
        }
    }

    @Test func aWorkflowOverrideIsSentAsAJSONString() async throws {
        try await RunningHubHarness.with { double, kit in
            let client = try #require(kit.runningHub)
            let graph = try Fixtures.workflow(json: RunningHubFixtures.cloudWorkflow)
            _ = try await client.create(CreateRequest(workflowID: RunningHubHarness.workflowID, workflowOverride: graph))
            let body = try JSONValue(parsing: try #require(await double.calls(to: "/task/openapi/create").first).body)
            #expect(body["nodeInfoList"] == nil)
            let sent = try #require(body["workflow"]?.stringValue)
            #expect(try JSONValue(parsing: sent) == graph.promptJSON)
        }
    }

    @Test func outputsIsTheStateMachineQueuedThenRunningThenDone() async throws {
        try await RunningHubHarness.with({ $0.phases = [.queued, .queued, .running, .running] }) { double, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]))
            #expect(outcome.result.status == .completed)
            let taskID = try #require(outcome.result.promptID)
            #expect(events.first == .submitted(promptID: taskID))
            #expect(events.filter { $0 == .queued(position: 0) }.count == 1)
            #expect(events.filter { $0 == .started }.count == 1)
            let queued = try #require(events.firstIndex(of: .queued(position: 0)))
            let started = try #require(events.firstIndex(of: .started))
            #expect(queued < started)
            // The end is the finished event; no progress event without a node or without steps.
            #expect(!events.contains { if case .progress(let node, _, let max, _) = $0 { node.isEmpty || max == 0 } else { false } })
            #expect(events.last.map { if case .finished(let end) = $0 { end.result.status == .completed } else { false } } == true)
            #expect(outcome.result.imagesByVar["cover"] == [double.baseURL.absoluteString + "/cdn/output/ComfyUI_00033_hpgko_1742822929.png"])
            #expect(outcome.result.outputs?["raw_data"]?.arrayValue?.count == 1)
            #expect(await double.calls(to: "/task/openapi/outputs").count == 5)
        }
    }

    @Test func a805FailureShowsNodeIdNodeNameAndMessageWithTheTraceback() async throws {
        try await RunningHubHarness.with({ $0.ending = .failure(failedReason: RunningHubDoubleConfiguration.documentedFailedReason) }) { _, kit in
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]).outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.msg == "node 276 (SONIC_PreData): TypeError: SONIC_PreData.sampler_main() missing 2 required positional arguments: 'clip_vision' and 'vae'")
            guard case .execution(let failure)? = outcome.failure else {
                Issue.record("expected an execution failure, got \(String(describing: outcome.failure))")
                return
            }
            #expect(failure.nodeID == "276")
            #expect(failure.classType == "SONIC_PreData")
            #expect(failure.traceback.first?.contains("/workspace/ComfyUI/execution.py") == true)
        }
    }

    @Test func statusCancelAndAccountStatusReadTheDocumentedAnswers() async throws {
        try await RunningHubHarness.with({ $0.phases = [.queued, .running] }) { double, kit in
            let client = try #require(kit.runningHub)
            let task = try await client.create(CreateRequest(workflowID: RunningHubHarness.workflowID))
            #expect(task.taskStatus == "QUEUED")
            let before = try await client.status(task.taskID)
            let state = try await client.taskState(task.taskID)
            let after = try await client.status(task.taskID)
            #expect(before == "QUEUED")
            #expect(state == .queued)
            #expect(after == "RUNNING")
            try await client.cancel(task.taskID)
            #expect(await double.cancelledTasks() == [task.taskID])
            await #expect(throws: RunningHubError.api(endpoint: "/task/openapi/cancel", code: 807, msg: "APIKEY_TASK_NOT_FOUND", site: "127.0.0.1")) {
                try await client.cancel("1")
            }
            let account = try await client.accountStatus()
            #expect(account.remainCoins == "177814")
            #expect(account.currentTaskCounts == 0)
            #expect(account.apiType == "NORMAL")
            let body = try JSONValue(parsing: try #require(await double.calls(to: "/uc/openapi/accountStatus").first).body)
            #expect(body["apikey"] == .string(RunningHubHarness.key))
        }
    }

    @Test func cancellingARunCancelsItsTaskOnRunningHub() async throws {
        try await RunningHubHarness.with({ $0.phases = Array(repeating: .running, count: 10_000) }) { double, kit in
            let handle = kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            var events: [RunEvent] = []
            for await event in handle.events {
                events.append(event)
                if event == .started { handle.cancel() }
            }
            let outcome = await handle.outcome
            #expect(outcome.result.status == .interrupted)
            let taskID = try #require(outcome.result.promptID)
            #expect(await double.cancelledTasks() == [taskID])
        }
    }

    @Test func theSiteIsChosenByItsBaseURLAndTheDefaultIsTheGlobalOne() throws {
        #expect(try ComfyKitConfiguration.resolve(environment: [:]).runningHubBaseURL.absoluteString == "https://www.runninghub.ai")
        let cn = try ComfyKitConfiguration.resolve(environment: ["RUNNINGHUB_BASE_URL": "https://www.runninghub.cn", "RUNNINGHUB_API_KEY": "k"])
        let kit = ComfyKit(configuration: cn)
        #expect(kit.runningHub?.site.absoluteString == "https://www.runninghub.cn")
    }
}
