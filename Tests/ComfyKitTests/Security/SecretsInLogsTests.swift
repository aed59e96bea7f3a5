import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Logging
import Testing

/// With logging at trace level, no record holds the API key or a cookie: not through completed runs, uploads,
/// validation and execution errors, a dropped socket and its reconnect, failing `/history`, the HTTP
/// executor, downloads, an unreachable server or a cookie URL that fails.
@Suite struct SecretsInLogsTests {
    let capture = LogCapture()

    func makeKit(_ base: URL, executor: ExecutorKind = .websocket, cookies: CookieSource? = nil) throws -> ComfyKit {
        var overrides = SecretFixtures.overrides
        overrides.comfyUIBaseURL = base
        overrides.executor = executor
        if let cookies { overrides.cookies = cookies }
        return ComfyKit(configuration: try ComfyKitConfiguration.resolve(overrides, environment: [:]), logger: capture.logger())
    }

    /// Every text a user could see of a run: its events as JSON, its result and failure.
    func visibleTexts(_ handle: RunHandle) async -> [String] {
        let (events, outcome) = await DoubleHarness.collect(handle)
        return events.map { JSONWriter.string($0.json) } + [outcome.result.jsonString(), "\(outcome)"]
    }

    @Test func aWholeSessionOfRunsFailuresAndReconnectsLogsNoSecret() async throws {
        var texts: [String] = []
        let requests = try await withComfyUIDouble({
            $0.webSocketFault = WebSocketFault(.drop, afterFrames: 4)
            $0.historyFaults.failingResponses = 1
        }) { double in
            let kit = try makeKit(double.baseURL)
            for name in ["02_load_transform_save", "12_validation_error_bad_value", "11_execution_error", "13_validation_error_missing_file"] {
                texts += await visibleTexts(kit.run(.file(path: Fixtures.workflowPath(name)), params: DoubleHarness.params(for: name)))
            }
            texts += await visibleTexts(kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: ["nope": 1]))
            let result = await kit.execute(.file(path: Fixtures.workflowPath("04_multi_output")), params: DoubleHarness.params(for: "04"))
            #expect(result.status == .completed)
            let downloaded = try await withTemporaryDirectory("ck-sec") { folder in try await kit.download(result, to: folder).count }
            #expect(downloaded == result.images.count)
            await kit.close()

            let http = try makeKit(double.baseURL, executor: .http)
            texts += await visibleTexts(http.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")))
            await http.close()
            return await double.recordedRequests()
        }
        // The session did reach the server with the credentials, and the socket did reconnect.
        #expect(requests.contains { $0.header("Authorization") == "Bearer \(SecretFixtures.apiKey)" })
        #expect(requests.filter(\.isWebSocketUpgrade).count >= 2)
        #expect(capture.levels.contains(.trace), "nothing was logged at trace level")
        for text in capture.texts + texts {
            #expect(SecretFixtures.leaked(in: text).isEmpty, "\(text)")
        }
    }

    @Test func anUnreachableServerAndAFailingCookieURLLogNoSecret() async throws {
        var texts: [String] = []
        let unreachable = try makeKit(URL(string: "http://127.0.0.1:9")!)
        texts += await visibleTexts(unreachable.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")))
        await unreachable.close()
        // A cookie URL whose host answers 404, with a password and a token in it.
        try await withComfyUIDouble { double in
            let cookieURL = URL(string: "http://user:\(SecretFixtures.urlPassword)@127.0.0.1:\(double.port)/cookies?token=\(SecretFixtures.urlCookie)")!
            let kit = try makeKit(double.baseURL, cookies: .url(cookieURL))
            let outcome = await kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")).outcome
            #expect(outcome.result.status == .error)
            texts += [outcome.result.jsonString(), "\(outcome)"]
            await kit.close()
        }
        #expect(texts.contains { $0.contains("127.0.0.1:9") }, "the unreachable server is named")
        for text in capture.texts + texts {
            #expect(SecretFixtures.leaked(in: text).isEmpty, "\(text)")
        }
    }
}
