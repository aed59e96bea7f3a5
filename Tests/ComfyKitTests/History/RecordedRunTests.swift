import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// The library records a run when asked, and follows a prompt another process submitted.
@Suite struct RecordedRunTests {
    @Test func aRecordedRunIsInFlightUntilItEndsThenHoldsItsOutputs() async throws {
        try await withTemporaryDirectory("ck-rec") { folder in
            try await DoubleHarness.with({ $0.nodeDurations[.classType("EmptyImage")] = .milliseconds(500) }) { _, kit in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let file = SharedFixtures.workflow("01_empty_image_save").path
                let loaded = try await kit.load(.file(path: file))
                let run = try await kit.run(loaded, source: .file(path: file), params: ["width": 8, "height": 4], recordingIn: history)
                let submitted = try await eventually("the prompt id to be recorded") { try await history.record(run.id)?.promptID }
                #expect(try await history.record(run.id)?.status == .running)
                let result = await run.handle.result
                let record = try #require(try await history.record(run.id))
                #expect(record.status == .completed)
                #expect(record.promptID == submitted)
                #expect(record.promptID == result.promptID)
                #expect(record.result?.images == result.images)
                #expect(record.params == ["width": 8, "height": 4])
                #expect(record.workflowName == "01_empty_image_save")
                #expect(record.finishedAt != nil && record.submittedAt != nil)
            }
        }
    }

    @Test func aFailedRunIsRecordedWithItsMessage() async throws {
        try await withTemporaryDirectory("ck-rec") { folder in
            try await DoubleHarness.with { _, kit in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let file = SharedFixtures.workflow("11_execution_error").path
                let loaded = try await kit.load(.file(path: file))
                let run = try await kit.run(loaded, source: .file(path: file), params: ["duration": 0.5], recordingIn: history)
                let result = await run.handle.result
                let record = try #require(try await history.record(run.id))
                #expect(record.status == .error)
                #expect(record.message == result.msg)
                #expect(record.message?.contains("SplitAudioChannels") == true)
            }
        }
    }

    @Test func followReattachesToAPromptSubmittedElsewhere() async throws {
        try await DoubleHarness.with({ $0.nodeDurations[.classType("EmptyImage")] = .milliseconds(700) }) { double, kit in
            let workflow = try await kit.load(.file(path: SharedFixtures.workflow("01_empty_image_save").path)).workflow
            let submission = try await kit.client.submit(prompt: workflow.promptJSON, clientID: "another-process", promptID: UUID().uuidString.lowercased())
            let other = try ComfyKit(baseURL: double.baseURL, environment: [:])
            let result = await other.follow(promptID: submission.promptID, workflow: workflow).result
            await other.close()
            #expect(result.status == .completed)
            #expect(result.promptID == submission.promptID)
            #expect(result.imagesByVar["result"]?.count == 1)
        }
    }

    @Test func followOfAPromptTheServerDoesNotKnowFailsAsLost() async throws {
        try await DoubleHarness.with { _, kit in
            let workflow = try await kit.load(.file(path: SharedFixtures.workflow("01_empty_image_save").path)).workflow
            let outcome = await kit.follow(promptID: "0b7e9b7c-6a55-4f3e-9d7e-2f1d1f0c0a11", workflow: workflow).outcome
            #expect(outcome.result.status == .error)
            guard case .server(.promptLost) = outcome.failure else {
                Issue.record("expected promptLost, got \(String(describing: outcome.failure))")
                return
            }
        }
    }
}
