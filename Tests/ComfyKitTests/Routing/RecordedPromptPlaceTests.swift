import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Issue 16: a prompt recorded as in flight is looked for on the server its record names, then on the kit's
/// other servers; one that cannot be followed says why (its server down, or not configured) within a bound.
@Suite struct RecordedPromptPlaceTests {
    private func kit(over servers: [URL]) throws -> ComfyKit {
        ComfyKit(servers: servers, configuration: try ComfyKitConfiguration.resolve(environment: [:]))
    }

    /// Submits the empty-image workflow to `server` alone and returns its prompt id once the server has it.
    private func submitted(to server: URL) async throws -> (ComfyKit, RunHandle, String) {
        let single = try kit(over: [server])
        let handle = single.run(.file(path: SharedFixtures.workflow("01_empty_image_save").path), params: ["width": 8, "height": 8])
        for await event in handle.events {
            if case .submitted(let promptID) = event { return (single, handle, promptID) }
        }
        Issue.record("the run ended before it was submitted: \(await handle.result.msg ?? "")")
        throw CancellationError()
    }

    @Test func aPromptIsFollowedOnTheServerItsRecordNamesEvenWhenThatIsNotTheFirst() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(400) }) { second in
                let (single, submitter, promptID) = try await submitted(to: second.baseURL)
                let kit = try kit(over: [first.baseURL, second.baseURL])
                let name = second.baseURL.redactedForDisplay
                #expect(await kit.place(ofPrompt: promptID, recordedOn: name) == .server(name))
                let server = try #require(kit.server(named: name))
                #expect(server.serverName == name)
                let workflow = try await kit.load(.file(path: SharedFixtures.workflow("01_empty_image_save").path)).workflow
                let result = await server.follow(promptID: promptID, workflow: workflow).result
                #expect(result.status == .completed, "\(result.msg ?? "")")
                #expect(result.promptID == promptID)
                #expect(!result.images.isEmpty, "\(result)")
                #expect(await first.recordedRequests().allSatisfy { $0.route != "/prompt" })
                _ = await submitter.result
                await single.close()
                await kit.close()
            }
        }
    }

    @Test func aRecordNamingAServerNotConfiguredIsFoundOnTheServerThatKnowsThePrompt() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(400) }) { second in
                let (single, submitter, promptID) = try await submitted(to: second.baseURL)
                let kit = try kit(over: [first.baseURL, second.baseURL])
                #expect(await kit.place(ofPrompt: promptID, recordedOn: "box-renamed") == .server(second.baseURL.redactedForDisplay))
                _ = await submitter.result
                await single.close()
                await kit.close()
            }
        }
    }

    @Test func aPromptNoConfiguredServerKnowsFromAServerNotConfiguredSaysSo() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble { second in
                let kit = try kit(over: [first.baseURL, second.baseURL])
                let place = await kit.place(ofPrompt: UUID().uuidString.lowercased(), recordedOn: "http://box9:8188")
                #expect(place == .notConfigured(server: "http://box9:8188", configured: kit.serverNames))
                await kit.close()
            }
        }
    }

    @Test func aPromptOnAServerThatAnswersButForgotItIsFollowedThereToBeReportedLost() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble { second in
                let kit = try kit(over: [first.baseURL, second.baseURL])
                let name = second.baseURL.redactedForDisplay
                #expect(await kit.place(ofPrompt: UUID().uuidString.lowercased(), recordedOn: name) == .server(name))
                await kit.close()
            }
        }
    }

    /// A kit over a double that answers and one that is gone (the gone one's name given).
    private func withAServerGone(_ body: (ComfyKit, String) async throws -> Void) async throws {
        try await withComfyUIDouble { steady in
            let gone = try await ComfyUIDouble.start()
            let goneURL = gone.baseURL
            await gone.shutdown()
            let kit = try kit(over: [steady.baseURL, goneURL])
            try await body(kit, goneURL.redactedForDisplay)
            await kit.close()
        }
    }

    @Test func aPromptWhoseServerIsDownIsReportedDownWithinTheBound() async throws {
        try await withAServerGone { kit, gone in
            let place = await kit.place(ofPrompt: UUID().uuidString.lowercased(), recordedOn: gone, within: .seconds(2))
            #expect(place == .down(server: gone, reason: "not answering (nothing in 2 s, or refused)"))
        }
    }

    // A prompt sent and never confirmed (its app went away before the server answered) is asked for by the id it was
    // sent under: where it arrived, it is followed; where the server answers that it never did, it can be sent again.

    @Test func aPromptNeverConfirmedThatArrivedIsFoundWhereItIs() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(400) }) { second in
                let (single, submitter, promptID) = try await submitted(to: second.baseURL)
                let kit = try kit(over: [first.baseURL, second.baseURL])
                let name = second.baseURL.redactedForDisplay
                #expect(await kit.place(ofUnconfirmedPrompt: promptID, sentTo: name) == .server(name))
                #expect(await kit.place(ofUnconfirmedPrompt: promptID, sentTo: first.baseURL.redactedForDisplay) == .server(name),
                        "found on the server that has it, whatever the record says")
                _ = await submitter.result
                await single.close()
                await kit.close()
            }
        }
    }

    @Test func aPromptNeverConfirmedThatNoServerKnowsNeverArrived() async throws {
        try await withComfyUIDouble { first in
            try await withComfyUIDouble { second in
                let kit = try kit(over: [first.baseURL, second.baseURL])
                let name = second.baseURL.redactedForDisplay
                #expect(await kit.place(ofUnconfirmedPrompt: UUID().uuidString.lowercased(), sentTo: name) == .notReceived(server: name))
                let elsewhere = await kit.place(ofUnconfirmedPrompt: UUID().uuidString.lowercased(), sentTo: "http://box9:8188")
                #expect(elsewhere == .notConfigured(server: "http://box9:8188", configured: kit.serverNames),
                        "a server not asked cannot say it never arrived")
                await kit.close()
            }
        }
    }

    @Test func aPromptNeverConfirmedWhoseServerIsDownIsNotTakenForOneThatNeverArrived() async throws {
        try await withAServerGone { kit, gone in
            let place = await kit.place(ofUnconfirmedPrompt: UUID().uuidString.lowercased(), sentTo: gone, within: .seconds(2))
            #expect(place == .down(server: gone, reason: "not answering (nothing in 2 s, or refused)"))
        }
    }
}
