import Testing
@testable import ComfyUITestDouble

/// Reconnecting with the same `clientId`: it works, but an old socket closing late unregisters the new one.
@Suite struct ReconnectTests {
    @Test func reconnectGetsStatusThenExecutingWithoutPromptID() async throws {
        try await withDouble(InterruptTests.slowBlurs) { double, client in
            let first = try await WebSocketProbe(url: double.webSocketURL(clientID: "phoenix"))
            let (_, promptID) = try await client.submit(try Recordings.workflow("19_long_running_blur_chain"), clientID: "phoenix")
            try await first.waitFor { $0.contains { $0.kind == "executing" && $0.data?["node"] == "3" } }
            await first.close()

            let second = try await WebSocketProbe(url: double.webSocketURL(clientID: "phoenix"))
            let connectFrames = try await second.waitFor { $0.count >= 2 }
            #expect(connectFrames[0].data == ["status": ["exec_info": ["queue_remaining": 1]], "sid": "phoenix"])
            let executing = try #require(connectFrames[1].data?.objectValue)
            #expect(connectFrames[1].kind == "executing")
            #expect(executing.keys == ["node"])
            #expect(["3", "4"].contains(executing["node"]?.stringValue ?? ""))

            #expect(try await client.post("/interrupt", json: ["prompt_id": .string(promptID)]).status == 200)
            let frames = try await second.waitForEnd(of: promptID)
            await second.close()
            #expect(Array(frames.map(\.kind).suffix(3)) == ["execution_interrupted", "status", "executing"])
        }
    }

    @Test func oldSocketClosingAfterTheNewOneConnectedSilencesTheNewOne() async throws {
        try await withDouble { double, client in
            let old = try await WebSocketProbe(url: double.webSocketURL(clientID: "twin"))
            let new = try await WebSocketProbe(url: double.webSocketURL(clientID: "twin"))
            await old.close()
            let (_, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "twin")
            #expect(await double.waitUntilIdle())
            try await Task.sleep(for: .milliseconds(100))
            #expect(await new.kinds == ["status"])
            #expect(try await client.get("/history/\(promptID)").json?[promptID]?["status"]?["status_str"] == "success")
            await new.close()
        }
    }

    @Test func withoutTheHazardTheNewSocketKeepsReceiving() async throws {
        try await withDouble({ $0.reconnectOverlapHazard = false }) { double, client in
            let old = try await WebSocketProbe(url: double.webSocketURL(clientID: "twin"))
            let new = try await WebSocketProbe(url: double.webSocketURL(clientID: "twin"))
            await old.close()
            let (_, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "twin")
            try await new.waitForEnd(of: promptID)
            await new.close()
        }
    }
}
