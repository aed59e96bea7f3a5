@testable import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// `ComfyKit(servers:)` and `kit.sweep(…)` against ComfyUI doubles on 127.0.0.1.
@Suite struct SweepFacadeTests {
    private func kit(_ servers: [RunningDouble]) throws -> ComfyKit {
        ComfyKit(servers: servers.map(\.baseURL), configuration: try ComfyKitConfiguration.resolve(environment: [:]))
    }

    private func posts(_ double: RunningDouble) async -> Int {
        await double.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }.count
    }

    private static func collect(_ events: AsyncStream<SweepEvent>) async -> [SweepEvent] {
        var all: [SweepEvent] = []
        for await event in events { all.append(event) }
        return all
    }

    @Test func everyPromptFinishesOnceWhereItWasRoutedAndNoneGoesToTheServerLackingTheModel() async throws {
        try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(5) }) { fast in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(150) }) { slow in
                try await withComfyUIDouble({ $0.models["upscale_models"] = [] }) { lacking in
                    let kit = try kit([fast, slow, lacking])
                    let loaded = try await kit.load(.file(path: SharedFixtures.workflow("21_progress_upscale_tiny_model").path))
                    let widths = Variation(param: "width", values: [.int(64), .int(96), .int(128)])
                    let events = await Self.collect(kit.sweep(loaded, base: DoubleHarness.params(for: "21"), vary: [widths], count: 4))
                    await kit.close()

                    var routed: [Int: String] = [:]
                    var finished: [Int: (String?, RunOutcome)] = [:]
                    var finishedTwice = false
                    var skipped: [String: String] = [:]
                    for event in events {
                        switch event {
                        case .routed(let point, let server): routed[point.index] = server
                        case .finished(let point, let server, let outcome):
                            finishedTwice = finishedTwice || finished[point.index] != nil
                            finished[point.index] = (server, outcome)
                        case .skipped(let server, let reason): skipped[server] = reason
                        default: break
                        }
                    }
                    #expect(!finishedTwice)
                    #expect(Set(finished.keys) == Set(0..<12))
                    #expect(finished.values.allSatisfy { $0.1.result.status == .completed }, "\(finished.values.map { $0.1.result.msg ?? "" })")
                    #expect(finished.allSatisfy { routed[$0.key] == $0.value.0 })
                    let names = [fast, slow, lacking].map(\.baseURL.redactedForDisplay)
                    #expect(!routed.values.contains(names[2]))
                    #expect(skipped[names[2]]?.contains("no comfykit-tiny-compact-x2.safetensors for UpscaleModelLoader.model_name") == true, "\(skipped)")
                    let counts = names.map { name in routed.values.filter { $0 == name }.count }
                    let sent = [await posts(fast), await posts(slow), await posts(lacking)]
                #expect(sent == counts)
                    #expect(counts[1] < counts[0], "\(counts)")
                }
            }
        }
    }

    @Test func eachFinishedPointHoldsItsVariedValuesTheFirstVariationSlowest() async throws {
        try await withComfyUIDouble { one in
            try await withComfyUIDouble { two in
                let kit = try kit([one, two])
                let events = await Self.collect(kit.sweep(
                    .file(path: SharedFixtures.workflow("01_empty_image_save").path), base: ["height": .int(8)],
                    vary: [Variation(param: "width", values: [.int(8), .int(16)])], count: 2))
                await kit.close()
                let finished = events.compactMap { event -> SweepPlan.Point? in
                    if case .finished(let point, _, let outcome) = event, outcome.result.status == .completed { return point }
                    return nil
                }.sorted { $0.index < $1.index }
                #expect(finished.map { $0.values["width"] } == [.int(8), .int(8), .int(16), .int(16)])
                #expect(finished.map { $0.varied.map(\.name) } == Array(repeating: ["width"], count: 4))
            }
        }
    }

    @Test func aKitOfSeveralServersSendsEachRunToOneOfThem() async throws {
        // Each prompt takes long enough to still be in its server's queue when the next one is routed: with prompts
        // that end at once, a loaded machine may route all four one after another to the first server (a fair tie).
        try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(300) }) { one in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(300) }) { two in
                let kit = try kit([one, two])
                let results = await withTaskGroup(of: ExecuteResult.self) { group in
                    for _ in 0..<4 {
                        group.addTask { await kit.execute(.file(path: SharedFixtures.workflow("01_empty_image_save").path), params: ["width": 8, "height": 8]) }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                await kit.close()
                #expect(results.allSatisfy { $0.status == .completed })
                let counts = [await posts(one), await posts(two)]
                #expect(counts.reduce(0, +) == 4)
                #expect(counts.allSatisfy { $0 > 0 }, "\(counts)")
            }
        }
    }

    @Test func aValueOutsideEveryServersRangeIsRefusedBeforeAnythingIsSent() async throws {
        try await withComfyUIDouble { one in
            try await withComfyUIDouble { two in
                let kit = try kit([one, two])
                let events = await Self.collect(kit.sweep(
                    .file(path: SharedFixtures.workflow("21_progress_upscale_tiny_model").path), base: DoubleHarness.params(for: "21"),
                    vary: [Variation(param: "width", values: [.int(64), .int(20_000)])]))
                await kit.close()
                guard case .refused(.plan(.refusedByServers(let param, let value, let expected)))? = events.last else {
                    Issue.record("expected a refusal, got \(events)")
                    return
                }
                #expect(events.count == 1)
                #expect(param == "width" && value == "20000" && expected == "a value from 0 to 16384")
                #expect(await posts(one) + posts(two) == 0)
            }
        }
    }

    @Test func cancellingTheConsumerStopsWhatHasNotStartedAndInterruptsWhatRuns() async throws {
        try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(400) }) { slow in
            let kit = try kit([slow])
            let stream = kit.sweep(
                .file(path: SharedFixtures.workflow("01_empty_image_save").path), base: ["height": .int(8), "width": .int(8)], count: 10)
            let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                for await event in stream {
                    if case .started = event { startedSignal.yield() }
                }
            }
            var firstStart = started.makeAsyncIterator()
            _ = await firstStart.next()
            consumer.cancel()
            // The interrupt goes out once the cancellation reaches the running prompt.
            var interrupted = false
            for _ in 0..<50 where !interrupted {
                try await Task.sleep(for: .milliseconds(100))
                interrupted = await slow.recordedRequests().contains { $0.route == "/interrupt" }
            }
            await kit.close()
            #expect(interrupted)
            #expect(await posts(slow) <= 2)
        }
    }
}
