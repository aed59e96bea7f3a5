import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// A prompt the server forgets (a restart) fails fast; a prompt whose answer is lost is never sent twice.
@Suite struct LostPromptTests {
    @Test(arguments: [ExecutorKind.websocket, .http])
    func aServerRestartedMidRunFailsTheRunWithinTenSecondsOfAnsweringAgain(executor: ExecutorKind) async throws {
        var first = ComfyUIDouble.Configuration()
        first.nodeDurations[.classType("ImageBlur")] = .seconds(30)
        let server = try await ComfyUIDouble.start(first)
        let port = server.port
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: server.baseURL, executor: executor), environment: [:]))
        let run = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
        let waiting = Task { await DoubleHarness.collect(run) }
        // Kill it while the blur runs, as the recorded restart did 5 s into a run.
        _ = try await eventually("the prompt is queued") { await server.recordedRequests().contains { $0.route == "/prompt" } ? true : nil }
        try await Task.sleep(for: .milliseconds(300))
        await server.shutdown()
        try await Task.sleep(for: .seconds(1))
        // The new process: same port, empty queue, empty history.
        var second = ComfyUIDouble.Configuration()
        second.port = port
        let restarted = try await ComfyUIDouble.start(second)
        let answeringAgain = ContinuousClock.now
        let (events, outcome) = await waiting.value
        await kit.close()
        await restarted.shutdown()

        #expect(ContinuousClock.now - answeringAgain < .seconds(10))
        #expect(outcome.result.status == .error)
        #expect(outcome.result.msg?.hasPrefix("the server restarted and no longer knows prompt \(outcome.result.promptID ?? "-")") == true, "\(outcome.result.msg ?? "")")
        if case .server(.promptLost) = outcome.failure {} else { Issue.record("failure: \(String(describing: outcome.failure))") }
        #expect(events.contains { if case .submitted = $0 { true } else { false } })
    }

    @Test(arguments: [ExecutorKind.websocket, .http])
    func aLostAnswerToPostPromptIsLookedUpAndNeverSentTwice(executor: ExecutorKind) async throws {
        try await DoubleHarness.with({ $0.promptAnswerFault = PromptAnswerFault(status: 502, count: 1) }, executor: executor) { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(result.images.count == 1)
            let posts = await double.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }
            #expect(posts.count == 1)
        }
    }

    @Test func anAnswerLostEveryTimeIsReportedAfterTheLookUpsWithoutASecondPrompt() async throws {
        // 502 on every answer, but the prompt is queued each time: it must be found, not re-sent.
        try await DoubleHarness.with({ $0.promptAnswerFault = PromptAnswerFault(status: 502, count: 100) }) { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            #expect(result.status == .completed)
            let posts = await double.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }
            #expect(posts.count == 1)
        }
    }
}
