import ComfyKit
import Foundation
import RunningHubTestDouble
import Testing

/// The key goes to the configured site in request bodies only: never to another host, never in
/// logs, events, results, errors or dumps.
@Suite struct RunningHubSecretsTests {
    @Test func theKeyIsNeverLoggedShownOrDumped() async throws {
        let capture = LogCapture()
        try await RunningHubHarness.with({ $0.phases = [.queued, .running] }, logger: capture.logger) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog", "image": .string(RunningHubHarness.imagePath)]))
            #expect(outcome.result.status == .completed)
            var dumped = ""
            dump(kit, to: &dumped)
            dump(kit.runningHub, to: &dumped)
            dump(kit.configuration, to: &dumped)
            let shown = events.map { JSONWriter.string($0.json) }.joined() + outcome.result.jsonString() + capture.text + dumped
                + "\(kit.configuration)" + String(reflecting: kit.runningHub as Any)
            #expect(!capture.text.isEmpty)
            #expect(!shown.contains(RunningHubHarness.key))
        }
    }

    @Test func theKeyGoesOnlyToTheSiteAndNeverToTheFileHost() async throws {
        try await RunningHubHarness.with({
            $0.outputs = [.init(path: "/cdn/output/a.png", fileType: "png", nodeID: "9"), .init(path: "/cdn/output/notes.txt", fileType: "txt", nodeID: "12")]
        }) { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .completed)
            #expect(result.textsByVar["12"] == ["text from RunningHub"])
            let files = try await kit.download(result, to: FileManager.default.temporaryDirectory.appendingPathComponent("rh-dl-\(UUID().uuidString)"))
            #expect(files.count == 1)
            let cdn = await double.calls().filter { $0.path.hasPrefix("/cdn/") }
            #expect(cdn.count == 2)
            for call in cdn {
                #expect(call.headers["authorization"] == nil)
                #expect(!call.uri.contains(RunningHubHarness.key))
                #expect(!call.headers.values.contains { $0.contains(RunningHubHarness.key) })
            }
            // Every API call carries it in the body, and nowhere else.
            for call in await double.calls() where !call.path.hasPrefix("/cdn/") {
                #expect(call.body.contains(RunningHubHarness.key))
                #expect(call.headers["authorization"] == nil)
            }
        }
    }

    @Test func aKeyOfTheOtherSiteGets806WithAHintAndIsNotRetried() async throws {
        try await RunningHubHarness.with(key: "a-cn-key") { double, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("806 APIKEY_USER_NOT_FOUND") == true)
            #expect(result.msg?.contains("keys are per site") == true)
            #expect(result.msg?.contains("a-cn-key") == false)
            #expect(await double.calls().count == 1)
        }
    }
}
