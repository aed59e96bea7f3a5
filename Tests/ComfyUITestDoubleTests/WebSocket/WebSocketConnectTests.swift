import Foundation
import Testing
@testable import ComfyUITestDouble

/// The WebSocket handshake: the first `status` frame carries `sid`; only a first `feature_flags` frame is read.
@Suite struct WebSocketConnectTests {
    @Test func socketAnswersUnderAPIAndNamesAnonymousClients() async throws {
        let recorded = try Recordings.transcript("scenario_http_misc")
        let apiFirst = recorded.json["http"]?.arrayValue?.first { $0["request"] == "WS /api/ws?clientId=apiws-test first message" }?["body"]
        try await withDouble { double, _ in
            let api = try await WebSocketProbe(url: URL(string: "ws://127.0.0.1:\(double.port)/api/ws?clientId=apiws-test")!)
            #expect(await api.frames.first?.json == apiFirst)
            await api.close()

            let anonymous = try await WebSocketProbe(url: double.webSocketURL(clientID: nil))
            let sid = try #require(await anonymous.frames.first?.data?["sid"]?.stringValue)
            #expect(sid.count == 32 && sid.allSatisfy(\.isHexDigit))
            await anonymous.close()
            #expect(await double.recordedRequests().filter(\.isWebSocketUpgrade).map(\.route) == ["/api/ws", "/ws"])
        }
    }

    @Test func onlyTheFirstTextFrameCanNegotiateFeatureFlags() async throws {
        let flags = #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#
        try await withDouble { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "late-flags"), openingMessages: [#"{"type": "hello"}"#, flags])
            let (_, promptID) = try await client.submit(try Recordings.workflow("10_progress_websocket_images"), clientID: "late-flags")
            let kinds = try await probe.waitForEnd(of: promptID).map(\.kind)
            await probe.close()
            #expect(!kinds.contains("feature_flags"))
            #expect(kinds.filter { $0 == "binary:1" }.count == 6)
            #expect(!kinds.contains("binary:4"))
        }
    }
}
