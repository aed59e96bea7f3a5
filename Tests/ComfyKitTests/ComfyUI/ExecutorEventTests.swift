import ComfyKit
import ComfyUITestDouble
import Foundation
import Testing

/// Live events of a run over the shared socket.
@Suite struct ExecutorEventTests {
    @Test func progressStreamsNodeStartsStepsAndAnOverallThatOnlyGrows() async throws {
        try await DoubleHarness.with({ $0.progressStepInterval = .milliseconds(2) }) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("21_progress_upscale_tiny_model")), params: DoubleHarness.params(for: "21")))
            #expect(outcome.result.status == .completed)
            let started = events.compactMap { if case .nodeStarted(let node, _) = $0 { node } else { nil } }
            #expect(started.contains(NodeInfo(id: "4", classType: "ImageUpscaleWithModel", title: "Upscale (reports progress per tile)")))
            let steps = events.compactMap { if case .progress("4", let value, let max, _) = $0, max > 0 { (value, max) } else { nil } }
            #expect(steps.count == 20)
            #expect(steps.last.map { $0 == (20, 20) } == true)
            let overall = events.compactMap { event -> Double? in
                switch event {
                case .progress(_, _, _, let overall), .nodeStarted(_, let overall): overall
                default: nil
                }
            }
            #expect(overall == overall.sorted())
            #expect(overall.allSatisfy { (0..<1).contains($0) }, "100% is the finished event's")
            // Every step names its node and has steps: no max-0 or node-less progress events.
            #expect(!events.contains { if case .progress(let node, _, let max, _) = $0 { node.isEmpty || max == 0 } else { false } })
            #expect(events.first.map { if case .uploading(param: "image", _) = $0 { true } else { false } } == true)
            guard case .finished(let last)? = events.last else { Issue.record("the last event is not finished"); return }
            #expect(last == outcome)
        }
    }

    @Test func previewFramesArriveAsPreviewEvents() async throws {
        try await DoubleHarness.with { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("10_progress_websocket_images"))))
            #expect(outcome.result.status == .completed)
            let previews = events.compactMap { if case .preview(let p) = $0 { p } else { nil } }
            #expect(previews.count == 6)
            #expect(previews.allSatisfy { $0.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) })
        }
    }

    @Test func aCachedRerunStillReturnsItsOutputs() async throws {
        try await DoubleHarness.with { _, kit in
            let source = WorkflowSource.file(path: Fixtures.workflowPath("01_empty_image_save"))
            let first = await kit.execute(source, params: DoubleHarness.params(for: "01"))
            let (events, second) = await DoubleHarness.collect(kit.run(source, params: DoubleHarness.params(for: "01")))
            #expect(first.status == .completed && second.result.status == .completed)
            #expect(second.result.images == first.images)
            #expect(events.contains { if case .cached(let nodes) = $0 { Set(nodes) == ["1", "2"] } else { false } })
        }
    }

    @Test func concurrentRunsShareOneSocketAndGetTheirOwnEvents() async throws {
        try await DoubleHarness.with { double, kit in
            let outcomes = await withTaskGroup(of: (Int, RunOutcome, [RunEvent]).self) { group in
                for i in 0..<12 {
                    group.addTask {
                        let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("09_text_output")), params: ["text": .string("run \(i)")]))
                        return (i, outcome, events)
                    }
                }
                var all: [(Int, RunOutcome, [RunEvent])] = []
                for await item in group { all.append(item) }
                return all
            }
            #expect(outcomes.count == 12)
            for (i, outcome, events) in outcomes {
                #expect(outcome.result.status == .completed)
                #expect(outcome.result.textsByVar["text"] == ["run \(i), world"])
                let submitted = events.compactMap { if case .submitted(let id) = $0 { id } else { nil } }
                let outputs = events.compactMap { if case .nodeOutput(let node, _) = $0 { node } else { nil } }
                #expect(submitted == [outcome.result.promptID!])
                #expect(Set(outputs) == ["3", "5"])
            }
            let upgrades = await double.recordedRequests().filter(\.isWebSocketUpgrade)
            #expect(upgrades.count == 1)
        }
    }
}

/// The socket is a hint: drops, silences and races never lose a result.
@Suite struct ExecutorFaultTests {
    @Test func aSocketDroppedMidRunIn100RunsLosesNothing() async throws {
        try await DoubleHarness.with({
            $0.webSocketFault = WebSocketFault(.drop, afterFrames: 6, everyConnection: true)
            $0.nodeDuration = .milliseconds(3)
        }) { _, kit in
            var completed = 0
            var outputs = 0
            for _ in 0..<100 {
                let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: ["width": 64, "height": 48, "color": .int(Int.random(in: 0...0xFFFFFF))])
                if result.status == .completed { completed += 1 }
                outputs += result.images.count
            }
            #expect(completed == 100)
            #expect(outputs == 100)
        }
    }

    @Test func aSilentSocketFallsBackToHistory() async throws {
        try await DoubleHarness.with({ $0.webSocketFault = WebSocketFault(.goSilent, afterFrames: 2) }) { _, kit in
            let started = ContinuousClock.now
            let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            #expect(result.status == .completed)
            #expect(result.images.count == 1)
            // Without the fallback the run would wait forever; the bound is loose for loaded CI machines.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test(arguments: [ExecutorKind.websocket, .http])
    func theHistoryRaceIsRetried(executor: ExecutorKind) async throws {
        try await DoubleHarness.with({ $0.historyFaults.emptyResponsesAfterCompletion = 3 }, executor: executor) { _, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("04_multi_output")), params: DoubleHarness.params(for: "04"))
            #expect(result.status == .completed)
            #expect(result.images.count == 7)
        }
    }

    @Test(arguments: [ExecutorKind.websocket, .http])
    func historyErrorsAreRetried(executor: ExecutorKind) async throws {
        try await DoubleHarness.with({ $0.historyFaults.failingResponses = 4; $0.historyFaults.failureStatus = 503 }, executor: executor) { _, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("09_text_output")), params: ["text": "x"])
            #expect(result.status == .completed)
            #expect(result.texts.sorted() == ["42", "x, world"])
        }
    }

    @Test func theHTTPExecutorOpensNoSocket() async throws {
        try await DoubleHarness.with(executor: .http) { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("03_preview_image")))
            #expect(result.status == .completed)
            #expect(await double.recordedRequests().filter(\.isWebSocketUpgrade).isEmpty)
        }
    }

    @Test func anUnreachableServerIsAnErrorResult() async throws {
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:1")), environment: [:]))
        let result = await kit.execute(.file(path: Fixtures.workflowPath("03_preview_image")))
        await kit.close()
        #expect(result.status == .error)
        #expect(result.msg?.hasPrefix("cannot reach ComfyUI at http://127.0.0.1:1") == true)
    }
}

/// Cancelling and timing out.
@Suite struct ExecutorCancelTests {
    @Test func cancellingARunningPromptInterruptsItOnTheServer() async throws {
        try await DoubleHarness.with({
            $0.progressSteps[.classType("ImageUpscaleWithModel")] = 200
            $0.progressStepInterval = .milliseconds(20)
        }) { double, kit in
            let handle = kit.run(.file(path: Fixtures.workflowPath("21_progress_upscale_tiny_model")), params: DoubleHarness.params(for: "21"))
            var events: [RunEvent] = []
            for await event in handle.events {
                events.append(event)
                if case .progress("4", 3, _, _) = event { handle.cancel() }
            }
            let outcome = await handle.outcome
            #expect(outcome.result.status == .interrupted)
            #expect(outcome.failure == .interrupted(node: "4"))
            let interrupts = await double.recordedRequests().filter { $0.route == "/interrupt" }
            #expect(interrupts.count == 1)
            #expect(interrupts.first?.bodyText.contains(outcome.result.promptID!) == true)
            #expect(events.filter { if case .progress("4", _, let max, _) = $0, max > 0 { true } else { false } }.count < 50)
        }
    }

    @Test func cancellingAQueuedPromptRemovesItFromTheQueue() async throws {
        try await DoubleHarness.with({ $0.nodeDurations[.classType("ImageBlur")] = .milliseconds(600) }) { double, kit in
            let blocker = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
            for await event in blocker.events { if case .started = event { break } }
            let queued = kit.run(.file(path: Fixtures.workflowPath("03_preview_image")))
            var sawQueued = false
            for await event in queued.events {
                if case .queued = event, !sawQueued {
                    sawQueued = true
                    queued.cancel()
                }
            }
            let outcome = await queued.outcome
            #expect(sawQueued)
            #expect(outcome.result.status == .interrupted)
            #expect(await blocker.result.status == .completed)
            let deletes = await double.recordedRequests().filter { $0.route == "/queue" && $0.method == "POST" }
            #expect(deletes.count == 1)
        }
    }

    @Test func noSignOfLifeEndsTheRunWithTimeout() async throws {
        try await DoubleHarness.with({
            $0.nodeDurations[.classType("ImageBlur")] = .seconds(3)
            $0.webSocketFault = WebSocketFault(.goSilent, afterFrames: 1, everyConnection: true)
        }) { _, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"),
                                           options: RunOptions(inactivityTimeout: .milliseconds(800)))
            #expect(result.status == .timeout)
            // The blur node takes 3 s: a run that waited for it would have completed instead.
            #expect(result.msg == "no progress for 0.8 s")
        }
    }
}
