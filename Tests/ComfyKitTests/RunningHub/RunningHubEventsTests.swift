import ComfyKit
import Foundation
import RunningHubTestDouble
import Testing

/// Validation and run events: the same typed errors and events as a local run.
@Suite struct RunningHubEventsTests {
    static let failingTips = #"{"result": false, "error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": ""}, "outputs_to_execute": [], "node_errors": {"6": {"errors": [{"type": "value_too_long", "message": "Text too long", "details": "text", "extra_info": {"input_name": "text", "received_value": "x"}}], "dependent_outputs": ["9"], "class_type": "CLIPTextEncode"}}}"#

    @Test func promptTipsWithNodeErrorsBecomeTheValidationErrorOfALocalRun() async throws {
        try await RunningHubHarness.with({ $0.promptTips = RunningHubEventsTests.failingTips }) { double, kit in
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "x"]).outcome
            #expect(outcome.result.status == .error)
            guard case .validation(let error)? = outcome.failure else {
                Issue.record("expected a validation failure, got \(String(describing: outcome.failure))")
                return
            }
            #expect(error.paramNames == ["prompt"])
            #expect(error.description == "Prompt outputs failed validation: node 6 (CLIPTextEncode) input text (param prompt): Text too long")
            // Nothing of it can run: the task is not left in the queue.
            let taskID = try #require(outcome.result.promptID)
            #expect(await double.cancelledTasks() == [taskID])
        }
    }

    @Test func a433RefusalIsTheSameValidationError() async throws {
        try await RunningHubHarness.with({
            $0.promptTips = RunningHubEventsTests.failingTips
            $0.rejectCreate = true
        }) { double, kit in
            let outcome = await kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "x"]).outcome
            guard case .validation(let error)? = outcome.failure else {
                Issue.record("expected a validation failure, got \(String(describing: outcome.failure))")
                return
            }
            #expect(error.paramNames == ["prompt"])
            #expect(await double.taskCount() == 0)
        }
    }

    @Test func progressSocketFramesFeedTheSameProgressEvents() async throws {
        let capture = LogCapture()
        var timing = RunningHubHarness.timing
        timing.pollInterval = .milliseconds(150)
        try await RunningHubHarness.with({
            $0.initialStatus = "RUNNING"
            $0.progressSocket = true
            $0.phases = [.running, .running, .running]
        }, timing: timing, logger: capture.logger()) { double, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]))
            #expect(outcome.result.status == .completed)
            #expect(events.contains { if case .nodeStarted(NodeInfo(id: "3", classType: "KSampler", title: "KSampler, $seed"), _) = $0 { true } else { false } })
            #expect(events.contains { if case .progress("3", 4, 4, _) = $0 { true } else { false } })
            let overall = events.compactMap { event -> Double? in
                switch event {
                case .progress(_, _, _, let o), .nodeStarted(_, let o): o
                default: nil
                }
            }
            #expect(!overall.isEmpty)
            #expect(overall == overall.sorted())
            #expect(overall.allSatisfy { (0..<1).contains($0) }, "100% is the finished event's")
            let query = try #require(await double.socketQueries().first)
            #expect(query.contains("Rh-Comfy-Auth=eyJ1c2VySWQiOiJkb3VibGUifQ%3D%3D"))
            // The socket's credential shows nowhere.
            let shown = events.map { JSONWriter.string($0.json) }.joined() + outcome.result.jsonString() + capture.text
            #expect(!shown.contains("eyJ1c2VySWQiOiJkb3VibGUifQ"))
            #expect(!shown.contains("Rh-Comfy-Auth"))
        }
    }

    @Test func aRunWithoutSocketStillReportsQueuedRunningAndTheEnd() async throws {
        try await RunningHubHarness.with({ $0.phases = [.queued, .running] }) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"]))
            #expect(outcome.result.status == .completed)
            let kinds = events.map { JSONWriter.string($0.json["event"] ?? .null) }
            #expect(kinds == ["\"submitted\"", "\"queued\"", "\"started\"", "\"finished\""])
        }
    }
}
