import ComfyKit
import ComfyKitTesting
import Foundation
import RunningHubTestDouble
import Testing

/// The key goes to the configured site in request bodies only: never to another host, never in
/// logs, events, results, errors or dumps.
@Suite struct RunningHubSecretsTests {
    @Test func theKeyIsNeverLoggedShownOrDumped() async throws {
        let capture = LogCapture()
        try await RunningHubHarness.with({ $0.phases = [.queued, .running] }, logger: capture.logger()) { _, kit in
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
            let files = try await withTemporaryDirectory("rh-dl") { folder in try await kit.download(result, to: folder) }
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

/// `netWssUrl` carries a credential in its query: it never prints, dumps or appears in error texts.
@Suite struct RunningHubSocketCredentialTests {
    @Test func theSocketURLPrintsAndDumpsWithoutItsQuery() async throws {
        try await RunningHubHarness.with({
            $0.initialStatus = "RUNNING"
            $0.progressSocket = true
        }) { _, kit in
            let client = try #require(kit.runningHub)
            let task = try await client.create(CreateRequest(workflowID: RunningHubHarness.workflowID))
            let socket = try #require(task.progressURL)
            #expect(socket.url.query?.contains("Rh-Comfy-Auth=eyJ1c2VySWQiOiJkb3VibGUifQ") == true)
            let state = try await client.taskState(task.taskID)
            var shown = "\(task) \(String(reflecting: task)) \(state) \(socket)"
            dump(task, to: &shown)
            dump(state, to: &shown)
            #expect(!shown.contains("eyJ1c2VySWQiOiJkb3VibGUifQ"))
            #expect(shown.contains("/ws/c_instance?…"))
        }
    }

    @Test func aCredentialQuotedInAnAnswerIsRedactedFromTheError() async throws {
        var timing = RunningHubHarness.timing
        timing.unknownStateLimit = 2
        let odd = #"{"code":0,"msg":"success","data":{"netWssUrl":"wss://www.runninghub.cn:443/ws/c_instance?clientId=1&Rh-Comfy-Auth=c2VjcmV0LXNpZ24%3D"}}"#
        try await RunningHubHarness.with({ $0.phases = [.unknown(odd), .unknown(odd)] }, timing: timing) { _, kit in
            let result = await kit.execute(.runningHub(RunningHubHarness.workflowID), params: ["prompt": "a dog"])
            #expect(result.status == .error)
            #expect(result.msg?.contains("Rh-Comfy-Auth=<redacted>") == true)
            #expect(result.msg?.contains("c2VjcmV0LXNpZ24") == false)
        }
    }
}
