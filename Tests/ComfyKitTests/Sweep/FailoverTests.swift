@testable import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import RunningHubTestDouble
import Testing

/// Failover over several servers (issue 16 part 3, and its test): a server that stops answering loses its prompts
/// that had not started to the others; one that was running there is reported lost, or re-run when asked.
@Suite struct FailoverTests {
    private func posts(_ double: RunningDouble) async -> Int {
        await double.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }.count
    }

    /// A sweep's events folded per prompt: where it was routed last, how often it finished, and its moves.
    struct Ledger {
        var routed: [Int: String] = [:]
        var finished: [Int: [(server: String?, outcome: RunOutcome)]] = [:]
        var rerouted: [(index: Int, from: String, to: String, reason: String)] = []
        var skipped: [String: String] = [:]
        var startedOn: [Int: String] = [:]

        init(_ events: [SweepEvent]) {
            for event in events {
                switch event {
                case .routed(let point, let server): routed[point.index] = server
                case .rerouted(let point, let from, let to, let reason):
                    routed[point.index] = to
                    rerouted.append((point.index, from, to, reason))
                case .started(let point, let server): startedOn[point.index] = server
                case .finished(let point, let server, let outcome): finished[point.index, default: []].append((server, outcome))
                case .skipped(let server, let reason): skipped[server] = reason
                default: break
                }
            }
        }
    }

    /// Three doubles (fast, slow, killed midway) and one lacking the workflow's model, plus a RunningHub double
    /// the kit knows of: a sweep of 24 prompts.
    private func sweepWithAKilledServer(retryLost: Bool) async throws -> (Ledger, counts: [String: Int], posts: [String: Int], names: [String], runningHubCalls: Int) {
        try await withRunningHubDouble { runningHub in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(5) }) { fast in
                try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(150) }) { slow in
                    try await withComfyUIDouble({ $0.models["upscale_models"] = [] }) { lacking in
                        var doomedSettings = ComfyUIDouble.Configuration()
                        doomedSettings.nodeDuration = .milliseconds(120)
                        let doomed = try await ComfyUIDouble.start(doomedSettings)
                        let configuration = try ComfyKitConfiguration.resolve(
                            .init(runningHubBaseURL: runningHub.baseURL, runningHubAPIKey: Secret(RunningHubFixtures.apiKey)), environment: [:])
                        let kit = ComfyKit(servers: [fast, slow, doomed, lacking].map(\.baseURL), configuration: configuration)
                        let names = [fast.baseURL, slow.baseURL, doomed.baseURL, lacking.baseURL].map(\.redactedForDisplay)
                        let loaded = try await kit.load(.file(path: SharedFixtures.workflow("21_progress_upscale_tiny_model").path))
                        let widths = Variation(param: "width", values: [.int(64), .int(96), .int(128)])
                        let stream = kit.sweep(loaded, base: DoubleHarness.params(for: "21"), vary: [widths], count: 8, options: RunOptions(retryLost: retryLost))
                        var events: [SweepEvent] = []
                        var killed = false
                        for await event in stream {
                            events.append(event)
                            // Killed while it runs one prompt and holds another not started.
                            if !killed, case .started(_, let server) = event, server == names[2] {
                                killed = true
                                await doomed.shutdown()
                            }
                        }
                        await kit.close()
                        let ledger = Ledger(events)
                        var counts: [String: Int] = [:]
                        for (_, server) in ledger.routed { counts[server, default: 0] += 1 }
                        let sent = [names[0]: await posts(fast), names[1]: await posts(slow), names[2]: await posts(doomed), names[3]: await posts(lacking)]
                        return (ledger, counts, sent, names, await runningHub.calls().count)
                    }
                }
            }
        }
    }

    @Test func unstartedPromptsOfAKilledServerFinishElsewhereAndTheRunningOneIsReportedLost() async throws {
        let (ledger, counts, sent, names, runningHubCalls) = try await sweepWithAKilledServer(retryLost: false)
        // Every prompt ends exactly once, where the router last sent it.
        #expect(Set(ledger.finished.keys) == Set(0..<24))
        #expect(ledger.finished.values.allSatisfy { $0.count == 1 })
        #expect(ledger.finished.allSatisfy { ledger.routed[$0.key] == $0.value[0].server })
        // The killed server's prompts that had not started moved and completed elsewhere.
        let moved = ledger.rerouted.filter { $0.from == names[2] }
        #expect(!moved.isEmpty, "nothing moved off the killed server")
        for move in moved {
            #expect(move.to != names[2] && move.to != names[3])
            #expect(ledger.finished[move.index]?.first?.outcome.result.status == .completed)
            #expect(move.reason.contains("stopped answering before"), "\(move.reason)")
        }
        // The one running there when it died is lost, said so, and not run again.
        let lost = ledger.finished.filter { $0.value[0].outcome.result.status != .completed }
        #expect(lost.count == 1, "\(lost.map { "\($0.key) on \($0.value[0].server ?? "-"): \($0.value[0].outcome.result.msg ?? "")" })")
        for (index, ends) in lost {
            #expect(ends[0].server == names[2] && ledger.startedOn[index] == names[2])
            #expect(ends[0].outcome.result.msg?.contains("it is lost and was not re-run") == true, "\(ends[0].outcome.result.msg ?? "")")
        }
        // The slow server gets less than the fast one; the one lacking the model none, with the reason.
        #expect((counts[names[1]] ?? 0) < (counts[names[0]] ?? 0), "\(counts)")
        #expect(counts[names[3]] == nil && sent[names[3]] == 0)
        #expect(ledger.skipped[names[3]]?.contains("no comfykit-tiny-compact-x2.safetensors for UpscaleModelLoader.model_name") == true, "\(ledger.skipped)")
        // What each server was sent is what the router said: the killed one got its prompts before it died, once each.
        #expect(sent[names[0]] == counts[names[0]] && sent[names[1]] == counts[names[1]])
        // (A prompt sent in the moment it died may not have arrived at all.)
        #expect((1...(moved.count + lost.count)).contains(sent[names[2]] ?? 0), "\(sent), \(moved.count) moved")
        // RunningHub is configured but not among the servers: it is never asked.
        #expect(runningHubCalls == 0)
    }

    @Test func withRetryLostThePromptThatWasRunningOnTheKilledServerRunsAgainElsewhere() async throws {
        let (ledger, _, _, names, runningHubCalls) = try await sweepWithAKilledServer(retryLost: true)
        #expect(Set(ledger.finished.keys) == Set(0..<24))
        #expect(ledger.finished.values.allSatisfy { $0.count == 1 && $0[0].outcome.result.status == .completed },
                "\(ledger.finished.values.map { $0[0].outcome.result.msg ?? "" })")
        #expect(ledger.finished.values.allSatisfy { $0[0].server != names[2] && $0[0].server != names[3] })
        #expect(ledger.rerouted.contains { $0.from == names[2] && $0.reason.contains("run again as asked") }, "\(ledger.rerouted.map(\.reason))")
        #expect(runningHubCalls == 0)
    }

    @Test func aServerThatComesBackIsUsedAgain() async throws {
        try await withComfyUIDouble { steady in
            let first = try await ComfyUIDouble.start()
            let port = first.port
            let kit = ComfyKit(servers: [first.baseURL, steady.baseURL], configuration: try .resolve(environment: [:]))
            let workflow = SharedFixtures.workflow("01_empty_image_save").path
            #expect(await kit.execute(.file(path: workflow), params: ["width": 8, "height": 8]).status == .completed)
            await first.shutdown()
            for _ in 0..<3 {
                let result = await kit.execute(.file(path: workflow), params: ["width": 8, "height": 8])
                #expect(result.status == .completed, "\(result.msg ?? "")")
            }
            var settings = ComfyUIDouble.Configuration()
            settings.port = port
            settings.nodeDuration = .milliseconds(100)
            let back = try await ComfyUIDouble.start(settings)
            // It is asked again in the background; once it answers, runs go there again.
            _ = try await eventually("the server that came back gets a prompt", within: 15) { () async -> Bool? in
                _ = await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { _ = await kit.execute(.file(path: workflow), params: ["width": 8, "height": 8]) } }
                }
                return await back.recordedRequests().contains { $0.route == "/prompt" && $0.method == "POST" } ? true : nil
            }
            await kit.close()
            await back.shutdown()
        }
    }
}
