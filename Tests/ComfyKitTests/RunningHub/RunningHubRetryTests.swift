import ComfyKit
import ComfyKitTesting
import Foundation
import RunningHubTestDouble
import Testing

/// Money-safe retries: `create` is never sent twice once it may have arrived; queue-full, network
/// errors while polling and unknown states are waited out; time limits end with status `timeout`.
@Suite struct RunningHubRetryTests {
    @Test func aLostCreateAnswerIsNotSentAgain() async throws {
        try await RunningHubHarness.with({ $0.droppedCreateAnswers = 1 }) { double, kit in
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]).outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.msg?.contains("it may have been created. It was not sent again, so that it is not paid twice") == true)
            #expect(await double.calls(to: "/task/openapi/create").count == 1)
            #expect(await double.taskCount() == 1)
        }
    }

    @Test func aCreateThatCouldNotConnectIsRetriedAsItNeverLeft() async throws {
        // A port where nothing listens any more: every connection is refused.
        let site = try await withRunningHubDouble { $0.baseURL }
        let configuration = try ComfyKitConfiguration.resolve(
            .init(runningHubBaseURL: site, runningHubAPIKey: Secret(RunningHubHarness.key), runningHubRetryCount: 2), environment: [:])
        var timing = RunningHubHarness.timing
        timing.retryDelay = .milliseconds(60)
        timing.maxRetryDelay = .seconds(1)
        let kit = ComfyKit(configuration: configuration, runningHubTiming: timing)
        // The graph is already loaded, so `create` is the first request.
        let loaded = LoadedWorkflow(workflow: try Fixtures.workflow(json: RunningHubFixtures.cloudWorkflow), runningHubID: RunningHubHarness.workflowID)
        let started = ContinuousClock.now
        let result = await kit.execute(loaded, params: ["prompt": "a dog"])
        #expect(result.status == .error)
        #expect(result.msg?.hasPrefix("cannot reach RunningHub at 127.0.0.1 (/task/openapi/create)") == true, "\(result.msg ?? "")")
        // Retried twice, after 60 ms and 120 ms.
        #expect(ContinuousClock.now - started >= .milliseconds(180))
        await kit.close()
    }

    @Test func queueFullIsRetriedWithBackOffUntilATaskIsCreated() async throws {
        try await RunningHubHarness.with({ $0.queueFullCreates = 2 }) { double, kit in
            let started = ContinuousClock.now
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .completed)
            #expect(await double.calls(to: "/task/openapi/create").count == 3)
            #expect(await double.taskCount() == 1)
            // Back-off: 10 ms, then 20 ms.
            #expect(ContinuousClock.now - started >= .milliseconds(30))
        }
    }

    @Test func queueFullForeverEndsWithTheCodeAfterTheConfiguredAttempts() async throws {
        var timing = RunningHubHarness.timing
        timing.queueFullAttempts = 3
        try await RunningHubHarness.with({ $0.queueFullCreates = 100 }, timing: timing) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("421 TASK_QUEUE_MAXED") == true)
            #expect(await double.calls(to: "/task/openapi/create").count == 4)
            #expect(await double.taskCount() == 0)
        }
    }

    @Test func networkErrorsWhilePollingAreWaitedOut() async throws {
        try await RunningHubHarness.with({ $0.droppedPolls = 5 }) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(await double.calls(to: "/task/openapi/outputs").count == 5 + 4)
            #expect(await double.calls(to: "/task/openapi/create").count == 1)
        }
    }

    @Test func aTimeLimitEndsTheRunWithStatusTimeoutAndCancelsTheTask() async throws {
        var overrides = ComfyKitConfiguration.Overrides()
        overrides.runningHubTimeout = .milliseconds(300)
        try await RunningHubHarness.with({ $0.phases = Array(repeating: .running, count: 10_000) }, overrides: overrides) { double, kit in
            let started = ContinuousClock.now
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]).outcome
            #expect(outcome.result.status == .timeout)
            #expect(outcome.result.msg?.hasSuffix("did not finish within 0.3 s; it was cancelled") == true)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            let taskID = try #require(outcome.result.promptID)
            #expect(await double.cancelledTasks() == [taskID])
        }
    }

    @Test func thereIsNoTimeLimitByDefault() throws {
        #expect(try ComfyKitConfiguration.resolve(environment: [:]).runningHubTimeout == nil)
        #expect(try ComfyKitConfiguration.resolve(environment: ["RUNNINGHUB_TIMEOUT": "90"]).runningHubTimeout == .seconds(90))
    }
}

/// Slow uploads: the run waits for them, and a cancel during one stops before anything is paid for.
@Suite struct RunningHubUploadTests {
    @Test func aSlowUploadIsWaitedFor() async throws {
        try await RunningHubHarness.with({ $0.uploadDelay = .milliseconds(300) }) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(RunningHubHarness.imagePath)])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(await double.uploads().count == 1)
        }
    }

    @Test func cancellingDuringASlowUploadCreatesNoTask() async throws {
        try await RunningHubHarness.with({ $0.uploadDelay = .milliseconds(300) }) { double, kit in
            let handle = kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(RunningHubHarness.imagePath)])
            for await event in handle.events {
                if case .uploading = event { handle.cancel() }
            }
            #expect(await handle.outcome.result.status == .interrupted)
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
            #expect(await double.taskCount() == 0)
        }
    }
}
