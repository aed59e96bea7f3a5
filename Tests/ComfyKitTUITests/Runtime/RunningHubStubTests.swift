import ComfyKit
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// `_source: runninghub` stubs in the TUI: listed with their cloud params, run like local workflows,
/// with RunningHub's state and failure reason in the run panel's state.
@Suite struct RunningHubStubTests {
    static let cloudGraph = """
        {"3": {"class_type": "KSampler", "inputs": {"seed": 0, "steps": 20}, "_meta": {"title": "KSampler, $seed"}},
         "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat"}, "_meta": {"title": "Prompt, $prompt.text!"}},
         "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}, "_meta": {"title": "$output.cover"}}}
        """

    /// A folder with a stub for the cloud workflow 1987 and one for an id RunningHub does not know.
    func withFolderAndDouble(_ extra: [String], _ body: (String, ComfyKit) async throws -> Void) async throws {
        try await withTemporaryDirectory("tui-rh") { folder in
            let graph = folder.appendingPathComponent("graph.api")
            try Data(Self.cloudGraph.utf8).write(to: graph)
            try Data(#"{"_source": "runninghub", "workflow_id": "1987"}"#.utf8).write(to: folder.appendingPathComponent("cloud.json"))
            try Data(#"{"_source": "runninghub", "workflow_id": "42"}"#.utf8).write(to: folder.appendingPathComponent("gone.json"))
            try await withRunningHubDoubleProcess(["--workflow", "1987=\(graph.path)"] + extra) { double in
                let configuration = try ComfyKitConfiguration.resolve(.init(runningHubBaseURL: double.baseURL, runningHubAPIKey: Secret(RunningHubFixtures.apiKey)), environment: [:])
                let kit = ComfyKit(configuration: configuration, runningHubTiming: RunningHubTiming(pollInterval: .milliseconds(20)))
                try await withCleanup({ await kit.close() }) {
                    try await body(folder.path, kit)
                }
            }
        }
    }

    @Test func stubsAreListedWithTheParamsOfTheirCloudWorkflow() async throws {
        try await withFolderAndDouble([]) { folder, kit in
            let entries = try await WorkflowFolder(path: folder).scan(resolvingStubsWith: kit)
            let cloud = try #require(entries.first { $0.name == "cloud" })
            #expect(cloud.spec?.params.map(\.name) == ["seed", "prompt"])
            let gone = try #require(entries.first { $0.name == "gone" })
            guard case .broken(let reason) = gone.content else {
                Issue.record("expected the unknown id to be broken")
                return
            }
            #expect(reason.contains("380 WORKFLOW_NOT_EXISTS"))
        }
    }

    @Test func aStubRunsLikeALocalWorkflowAndTheRunPanelFollowsRunningHubsStates() async throws {
        try await withFolderAndDouble(["--phases", "q,r,r"]) { folder, kit in
            var run = RunState(id: 1, workflowPath: folder + "/cloud.json", workflowName: "cloud")
            var phases: [RunPhase] = []
            for await event in kit.run(.file(path: folder + "/cloud.json"), params: ["prompt": "a dog"]).events {
                run.apply(event, at: 0)
                if phases.last != run.phase { phases.append(run.phase) }
            }
            #expect(phases == [.starting, .queued(position: 0), .running, .finished(.completed)])
            #expect(run.resultURLs.count == 1)
        }
    }

    @Test func aFailedTaskShowsItsNodeAndReasonInTheRunPanel() async throws {
        try await withFolderAndDouble(["--phases", "r", "--fail"]) { folder, kit in
            var run = RunState(id: 1, workflowPath: folder + "/cloud.json", workflowName: "cloud")
            for await event in kit.run(.file(path: folder + "/cloud.json"), params: ["prompt": "a dog"]).events { run.apply(event, at: 0) }
            #expect(run.phase == .finished(.error))
            #expect(run.message?.hasPrefix("node 276 (SONIC_PreData): TypeError: SONIC_PreData.sampler_main() missing") == true)
        }
    }
}
