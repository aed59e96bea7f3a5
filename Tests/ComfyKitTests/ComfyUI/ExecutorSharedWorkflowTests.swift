import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Every shared workflow run against the test double, with both executors: the result holds the
/// outputs the recorded `/history` holds, or the recorded failure.
@Suite struct ExecutorSharedWorkflowTests {
    static let runnable = SharedFixtures.runnableWorkflows

    @Test(arguments: runnable, [ExecutorKind.websocket, .http])
    func aRunGivesTheOutputsOfTheRecordedHistory(name: String, executor: ExecutorKind) async throws {
        try await DoubleHarness.with(executor: executor) { _, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath(name)), params: DoubleHarness.params(for: name))
            #expect(result.status == .completed, "\(result.msg ?? "")")
            var shape: [String: Int] = [:]
            for (node, output) in result.outputs?.objectValue ?? [:] {
                for (key, value) in output.objectValue ?? [:] where key != "animated" {
                    shape["\(node).\(key)", default: 0] += value.arrayValue?.count ?? 0
                }
            }
            if let recorded = try SharedFixtures.recordedOutputShape(name) { #expect(shape == recorded) }
            let spec = try Fixtures.spec(name)
            // Every named output that produced files is reported under its DSL name.
            let names = Set(result.imagesByVar.keys).union(result.videosByVar.keys).union(result.audiosByVar.keys).union(result.textsByVar.keys)
            #expect(names.isSubset(of: Set(spec.outputs.map(\.name))))
        }
    }

    @Test(arguments: [ExecutorKind.websocket, .http])
    func anExecutionErrorNamesTheNode(executor: ExecutorKind) async throws {
        try await DoubleHarness.with(executor: executor) { _, kit in
            let handle = kit.run(.file(path: Fixtures.workflowPath("11_execution_error")), params: DoubleHarness.params(for: "11"))
            let outcome = await handle.outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.promptID != nil)
            #expect(outcome.result.msg == "node 2 (SplitAudioChannels): ValueError: AudioSplit: Input audio has only one channel.")
            guard case .execution(let failure)? = outcome.failure else { Issue.record("\(String(describing: outcome.failure))"); return }
            #expect(failure.nodeID == "2")
        }
    }

    @Test(arguments: ["12_validation_error_bad_value", "13_validation_error_missing_file", "14_validation_error_missing_input_and_bad_link",
                      "15_validation_error_unknown_node", "16_validation_error_no_outputs", "18_validation_error_bad_combo"])
    func aRefusedPromptIsATypedValidationError(name: String) async throws {
        let recorded = try #require(try Transcript(name).body(of: "POST /prompt"))
        try await DoubleHarness.with { _, kit in
            let outcome = await kit.run(.file(path: Fixtures.workflowPath(name)), params: DoubleHarness.params(for: name)).outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.promptID == nil)
            guard case .validation(let error)? = outcome.failure else { Issue.record("\(String(describing: outcome.failure))"); return }
            let expected = ValidationError(json: recorded).attributing(to: try Fixtures.spec(name))
            #expect(error == expected)
            #expect(outcome.result.msg == expected.description)
        }
    }

    @Test func aPartlyInvalidPromptRunsAndSaysWhatWasDropped() async throws {
        try await DoubleHarness.with { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("17_partial_failure_one_output_invalid"))))
            #expect(outcome.result.status == .completed)
            #expect(Array(outcome.result.imagesByVar.keys) == ["good"])
            #expect(events.contains { if case .outputsDropped = $0 { true } else { false } })
        }
    }
}
