@testable import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import RunningHubTestDouble
import Testing

/// RunningHub among the routed servers (issue 16): left out unless asked for; when asked, prompts run there too,
/// sent whole, never more at once than its concurrency limit, and each prompt's record names where it ran.
@Suite struct RunningHubRoutingTests {
    private static let timing = RunningHubTiming(pollInterval: .milliseconds(30), retryDelay: .milliseconds(10))

    /// The widths in a graph sent to RunningHub (its `workflow` field).
    private static func widths(inGraph text: String) -> [Int] {
        guard let graph = try? JSONValue(parsing: text), case .object(let nodes) = graph else { return [] }
        return nodes.values.compactMap { $0["inputs"]?["width"]?.intValue }
    }

    @Test func askedForRunningHubTakesPromptsUpToItsLimitAndTheRecordSaysSo() async throws {
        try await withRunningHubDouble({ $0.concurrentLimit = 1; $0.phases = [.queued, .running, .running] }) { runningHub in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(150) }) { comfy in
                let configuration = try ComfyKitConfiguration.resolve(
                    .init(runningHubBaseURL: runningHub.baseURL, runningHubAPIKey: Secret(RunningHubFixtures.apiKey),
                          servers: [.url(comfy.baseURL), .runningHub]),
                    environment: ["RUNNINGHUB_ROUTING_WORKFLOW": "1904136902449209346"])
                #expect(configuration.runningHubRouting?.value == "1904136902449209346")
                let kit = ComfyKit(configuration: configuration, runningHubTiming: Self.timing)
                let loaded = try await kit.load(.file(path: SharedFixtures.workflow("21_progress_upscale_tiny_model").path))
                let widths = Variation(param: "width", values: [64, 72, 80, 88, 96, 104, 112, 120].map { .int($0) })
                var finished: [Int: [(server: String?, status: RunStatus)]] = [:]
                var widthOf: [Int: Int] = [:]
                for await event in kit.sweep(loaded, base: DoubleHarness.params(for: "21"), vary: [widths]) {
                    if case .finished(let point, let server, let outcome) = event {
                        finished[point.index, default: []].append((server, outcome.result.status))
                        if case .int(let width)? = point.values["width"] { widthOf[point.index] = width }
                    }
                }
                await kit.close()
                #expect(finished.count == 8)
                #expect(finished.values.allSatisfy { $0.count == 1 && $0[0].status == .completed })
                let onRunningHub = finished.filter { $0.value.first?.server == "runninghub" }.map(\.key)
                #expect(!onRunningHub.isEmpty)
                #expect(onRunningHub.count < 8)
                // Each prompt routed there was sent whole, with its own width written in, and RunningHub never held
                // more than its limit at once.
                let graphs = await runningHub.createdGraphs()
                #expect(graphs.count == onRunningHub.count)
                let varied = Set(widthOf.values)
                #expect(graphs.map { Self.widths(inGraph: $0).filter(varied.contains) }.sorted { $0.lexicographicallyPrecedes($1) }
                    == onRunningHub.compactMap { widthOf[$0] }.sorted().map { [$0] })
                #expect(await runningHub.mostTasksAtOnce() <= 1)
                #expect(await !runningHub.calls(to: "/openapi/v2/queue/status").isEmpty)
            }
        }
    }

    @Test func runningHubIsLeftOutWhenOnlyItsWorkflowIsSet() throws {
        let configuration = try ComfyKitConfiguration.resolve(
            .init(runningHubAPIKey: Secret("rh-test-key"), servers: [.url(URL(string: "http://127.0.0.1:9")!)]),
            environment: ["RUNNINGHUB_ROUTING_WORKFLOW": "1904136902449209346"])
        #expect(configuration.runningHubRouting == nil)
        #expect(ComfyKit(configuration: configuration).runningHubMember() == nil)
    }

    @Test func namingRunningHubWithoutAKeyOrAWorkflowSaysWhatIsMissing() throws {
        #expect(try ServerReference(parsing: "runninghub") == .runningHub)
        #expect(try ServerReference(parsing: "RunningHub") == .runningHub)
        let servers: [ServerReference] = [.url(URL(string: "http://127.0.0.1:9")!), .runningHub]
        #expect {
            try ComfyKitConfiguration.resolve(.init(servers: servers), environment: ["RUNNINGHUB_ROUTING_WORKFLOW": "1904136902449209346"])
        } throws: { "\($0)".contains("RUNNINGHUB_API_KEY") }
        #expect {
            try ComfyKitConfiguration.resolve(.init(runningHubAPIKey: Secret("rh-test-key"), servers: servers), environment: [:])
        } throws: { "\($0)".contains("RUNNINGHUB_ROUTING_WORKFLOW") }
        #expect {
            try ComfyKitConfiguration.resolve(
                .init(runningHubAPIKey: Secret("rh-test-key"), servers: servers), environment: ["RUNNINGHUB_ROUTING_WORKFLOW": "not an id"])
        } throws: { "\($0)".contains("RunningHub workflow id") }
    }
}
