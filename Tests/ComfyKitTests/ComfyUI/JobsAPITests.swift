import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// A newer server's jobs API is used when the server has it, and `/queue`, `/history` and `/interrupt` when
/// it answers 404 there as 0.3.64 does: every behaviour against the double with and without `servesJobsAPI`.
@Suite struct JobsAPITests {
    static func requests(_ double: RunningDouble, _ method: String, _ prefix: String) async -> [RecordedRequest] {
        await double.recordedRequests().filter { $0.method == method && $0.path.hasPrefix(prefix) }
    }

    @Test(arguments: [false, true])
    func aLostAnswerToPostPromptIsLookedUpWhereTheServerKeepsJobs(jobsAPI: Bool) async throws {
        try await DoubleHarness.with({ $0.servesJobsAPI = jobsAPI; $0.promptAnswerFault = PromptAnswerFault(status: 502, count: 1) }) { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(await Self.requests(double, "POST", "/prompt").count == 1)
            let promptID = try #require(result.promptID)
            #expect(await Self.requests(double, "GET", "/api/jobs/\(promptID)").isEmpty == !jobsAPI)
            #expect(await kit.client.hasJobsAPI() == jobsAPI)
        }
    }

    @Test(arguments: [false, true])
    func aPromptARestartedServerForgotFailsWithinTenSeconds(jobsAPI: Bool) async throws {
        var first = ComfyUIDouble.Configuration()
        first.servesJobsAPI = jobsAPI
        first.nodeDurations[.classType("ImageBlur")] = .seconds(30)
        let server = try await ComfyUIDouble.start(first)
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: server.baseURL), environment: [:]))
        let run = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
        let waiting = Task { await DoubleHarness.collect(run) }
        _ = try await eventually("the prompt is queued") { await server.recordedRequests().contains { $0.route == "/prompt" } ? true : nil }
        try await Task.sleep(for: .milliseconds(300))
        await server.shutdown()
        try await Task.sleep(for: .seconds(1))
        var second = ComfyUIDouble.Configuration()
        second.port = server.port
        second.servesJobsAPI = jobsAPI
        let restarted = try await ComfyUIDouble.start(second)
        let answeringAgain = ContinuousClock.now
        let (_, outcome) = await waiting.value
        let lookups = await Self.requests(restarted, "GET", "/api/jobs/")
        await kit.close()
        await restarted.shutdown()

        #expect(ContinuousClock.now - answeringAgain < .seconds(10))
        if case .server(.promptLost) = outcome.failure {} else { Issue.record("failure: \(String(describing: outcome.failure))") }
        #expect(lookups.isEmpty == !jobsAPI, "the restarted server is asked through the jobs API only when it has one")
    }

    @Test(arguments: [false, true])
    func cancellingAQueuedAndARunningPromptEndsBothInterrupted(jobsAPI: Bool) async throws {
        try await DoubleHarness.with({ $0.servesJobsAPI = jobsAPI; $0.nodeDurations[.classType("ImageBlur")] = .seconds(3) }) { double, kit in
            let running = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
            let runningEnd = Task { await DoubleHarness.collect(running) }
            _ = try await eventually("the first prompt runs") { try await kit.client.queue().running.isEmpty ? nil : true }
            let queued = kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            let queuedEnd = Task { await DoubleHarness.collect(queued) }
            _ = try await eventually("both prompts are on the server") {
                let queue = try await kit.client.queue()
                return queue.running.count == 1 && queue.pending.count == 1 ? true : nil
            }
            queued.cancel()
            let (queuedEvents, queuedOutcome) = await queuedEnd.value
            running.cancel()
            let (_, runningOutcome) = await runningEnd.value

            #expect(queuedOutcome.result.status == .interrupted)
            #expect(runningOutcome.result.status == .interrupted)
            #expect(queuedEvents.contains { if case .queued = $0 { true } else { false } })
            #expect(await double.waitUntilIdle())
            let cancels = await Self.requests(double, "POST", "/api/jobs/")
            let interrupts = await Self.requests(double, "POST", "/interrupt")
            let deletes = await Self.requests(double, "POST", "/queue")
            if jobsAPI {
                #expect(cancels.map(\.path) == ["/api/jobs/\(queuedOutcome.result.promptID ?? "")/cancel", "/api/jobs/\(runningOutcome.result.promptID ?? "")/cancel"])
                #expect(interrupts.isEmpty && deletes.isEmpty)
            } else {
                #expect(cancels.isEmpty)
                #expect(interrupts.count == 2 && deletes.count == 2)
            }
        }
    }

    @Test(arguments: [false, true])
    func progressArrivesOnceAStepFromProgressState(jobsAPI: Bool) async throws {
        try await DoubleHarness.with({ $0.servesJobsAPI = jobsAPI; $0.progressStepInterval = .milliseconds(2) }) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("21_progress_upscale_tiny_model")), params: DoubleHarness.params(for: "21")))
            #expect(outcome.result.status == .completed)
            let steps = events.compactMap { if case .progress("4", let value, _, _) = $0 { value } else { nil } }
            #expect(steps == (1...20).map(Double.init))
        }
    }

    @Test(arguments: [false, true])
    func theServerQueueListsEveryClientsPromptsAndRecentHistory(jobsAPI: Bool) async throws {
        try await DoubleHarness.with({ $0.servesJobsAPI = jobsAPI; $0.nodeDurations[.classType("ImageBlur")] = .seconds(3) }) { double, kit in
            let done = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            let running = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
            _ = try await eventually("our prompt runs") { try await kit.client.queue().running.isEmpty ? nil : true }
            let other = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL), environment: [:]))
            let pending = other.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            let queue = try await eventually("both prompts are on the server") {
                let queue = try await kit.client.serverQueue(recentLimit: 10)
                return queue.running.count == 1 && queue.pending.count == 1 ? queue : nil
            }
            #expect(queue.recent.map(\.id) == [done.promptID])
            #expect(queue.recent.first?.status == .completed)
            #expect(queue.recent.first?.outputsCount == 1)
            #expect(queue.running.first?.status == .inProgress)
            #expect(queue.pending.first?.status == .pending)
            pending.cancel()
            running.cancel()
            _ = await (pending.result, running.result)
            await other.close()
        }
    }
}
