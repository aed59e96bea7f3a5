import ComfyKit
import Foundation
import RunningHubTestDouble
import Testing

/// DSL params to `nodeInfoList`: fan-out, uploads, pass-through names, the seed rule, no defaults.
@Suite struct RunningHubParamsTests {
    @Test func theNodeInfoListHoldsGivenParamsInDeclarationOrderThenRandomisedSeeds() async throws {
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(
                .runningHub(RunningHubHarness.workflowID),
                params: ["prompt": "a dog", "seed": 42, "image": .string(RunningHubHarness.imagePath), "ref": "already.png"])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            let stored = try #require(await double.uploads().first).storedName
            let list = try await RunningHubHarness.nodeInfoList(double)
            #expect(Array(list.prefix(5)) == [
                ["nodeId": "3", "fieldName": "seed", "fieldValue": 42],
                ["nodeId": "6", "fieldName": "text", "fieldValue": "a dog"],
                ["nodeId": "16", "fieldName": "text", "fieldValue": "a dog"],
                ["nodeId": "10", "fieldName": "image", "fieldValue": .string(stored)],
                ["nodeId": "11", "fieldName": "image", "fieldValue": "already.png"],
            ])
            // The unmarked sampler's `seed: 0` gets a random seed, as locally; `negative` keeps RunningHub's value.
            #expect(list.count == 6)
            #expect(list[5]["nodeId"] == "31")
            #expect(list[5]["fieldName"] == "seed")
            #expect(list[5]["fieldValue"]?.intValue != nil)
            #expect(list[5]["fieldValue"]?.intValue != 0)
            #expect(!list.contains { $0["nodeId"] == "7" })
        }
    }

    @Test func aServerSideNameForAMediaParamIsPassedThroughWithoutUpload() async throws {
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": "api/9d77b8530f8b.png"])
            #expect(result.status == .completed)
            #expect(await double.uploads().isEmpty)
            let list = try await RunningHubHarness.nodeInfoList(double)
            #expect(list.contains(["nodeId": "10", "fieldName": "image", "fieldValue": "api/9d77b8530f8b.png"]))
        }
    }

    @Test func aMissingLocalFileIsAnErrorBeforeAnythingIsSent() async throws {
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": "./nope.png"])
            #expect(result.status == .error)
            #expect(result.msg == "param `image`: the local file ./nope.png does not exist")
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
        }
    }

    @Test func anUnknownParamIsRefusedWithTheValidNames() async throws {
        try await RunningHubHarness.with { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "promt": "x"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("'promt' (did you mean 'prompt'?)") == true)
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
        }
    }

    @Test func aURLMediaParamIsDownloadedWithoutTheKeyThenUploaded() async throws {
        try await RunningHubHarness.with { double, kit in
            // The double's CDN stands in for any other host.
            let url = double.baseURL.absoluteString + "/cdn/input/photo.png?token=abc"
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(url)])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            let fetch = try #require(await double.calls().first { $0.path == "/cdn/input/photo.png" })
            #expect(fetch.headers["authorization"] == nil)
            #expect(!fetch.uri.contains(RunningHubHarness.key))
            #expect(await double.uploads().first?.filename == "photo.png")
        }
    }
}
