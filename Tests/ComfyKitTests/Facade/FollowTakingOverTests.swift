import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Re-attaching to a prompt whose submitter is gone: ComfyUI sends node progress only to the submitting client's
/// socket, so `follow(promptID:workflow:takingOverItsClient: true)` follows on a socket under that client's id.
@Suite struct FollowTakingOverTests {
    private func submitAsAGoneClient(_ double: RunningDouble) async throws -> (promptID: String, workflow: Workflow) {
        let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
        let loaded = try await kit.load(.file(path: SharedFixtures.workflow("21_progress_upscale_tiny_model").path))
        let bound = try ParamBinder.bind(loaded.workflow, spec: try WorkflowSpec(loaded.workflow), values: ["image": .string("comfykit_test.png")])
        let promptID = UUID().uuidString.lowercased()
        _ = try await kit.client.submit(prompt: bound.workflow.promptJSON, clientID: "gone", promptID: promptID)
        await kit.close()
        return (promptID, loaded.workflow)
    }

    private func steps(_ handle: RunHandle) async -> (steps: Int, outcome: RunOutcome?) {
        var count = 0
        var outcome: RunOutcome?
        for await event in handle.events {
            if case .progress = event { count += 1 }
            if case .finished(let ended) = event { outcome = ended }
        }
        return (count, outcome)
    }

    @Test func takingOverTheGoneClientsIdBringsTheNodeStepsAndTheResult() async throws {
        try await withComfyUIDouble({ $0.progressStepInterval = .milliseconds(60) }) { double in
            let (promptID, workflow) = try await submitAsAGoneClient(double)
            let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
            let (count, outcome) = await steps(kit.follow(promptID: promptID, workflow: workflow, takingOverItsClient: true))
            await kit.close()
            #expect(outcome?.result.status == .completed)
            #expect(count >= 5, "the upscale's steps arrive: \(count)")
        }
    }

    @Test func withoutTakingOverTheStepsGoToTheGoneClientOnly() async throws {
        try await withComfyUIDouble({ $0.progressStepInterval = .milliseconds(60) }) { double in
            let (promptID, workflow) = try await submitAsAGoneClient(double)
            let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
            let (count, outcome) = await steps(kit.follow(promptID: promptID, workflow: workflow))
            await kit.close()
            #expect(outcome?.result.status == .completed)
            #expect(count == 0, "ComfyUI sends progress to the submitting client only")
        }
    }
}
