import Testing
@testable import ComfyUITestDouble

/// Who receives what: prompts without `client_id` broadcast progress, nothing else.
@Suite struct ObserverTests {
    @Test func promptWithoutClientIDBroadcastsProgressButNoLifecycleEvents() async throws {
        let transcript = try Recordings.transcript("scenario_observer_without_client_id")
        let recorded = transcript.types("ws_observer_B")
        let firstRun = Array(recorded.prefix(28))  // up to the `status` that ends the first prompt
        try await withDouble { double, client in
            let observer = try await WebSocketProbe(url: double.webSocketURL(clientID: "observer"))
            let submitter = try await WebSocketProbe(url: double.webSocketURL(clientID: "submitter"))
            let body = try #require(transcript.http("POST /prompt")?["request_body"]?["prompt"])
            let (reply, promptID) = try await client.submit(body, clientID: nil)
            #expect(reply.status == 200)
            #expect(await double.waitUntilIdle())
            let frames = try await observer.waitFor { $0.filter { $0.kind == "status" }.count >= 4 }
            #expect(frames.map(\.kind) == firstRun)
            let submitterFrames = try await submitter.waitFor { $0.count >= firstRun.count }
            #expect(submitterFrames.map(\.kind) == firstRun)
            await observer.close()
            await submitter.close()
            #expect(try await client.get("/history/\(promptID)").json?[promptID]?["status"]?["completed"] == true)
        }
    }

    @Test func otherClientsSeeOnlyStatusAndTextFrames() async throws {
        let recorded = try Recordings.transcript("scenario_observer_with_client_id").types("ws_observer_B")
        try await withDouble({ $0.outputOrder = ["4", "8", "2", "10", "12", "6"] }) { double, _ in
            let observer = try await WebSocketProbe(url: double.webSocketURL(clientID: "observer"))
            _ = try await run(try Recordings.workflow("10_progress_websocket_images"), on: double, clientID: "a")
            _ = try await run(try Recordings.workflow("04_multi_output"), on: double, clientID: "a")
            let frames = try await observer.waitFor { $0.count >= recorded.count }
            await observer.close()
            #expect(frames.map(\.kind).filter { $0 != "status" } == recorded.filter { $0 != "status" })
            #expect(frames.map(\.kind).contains("execution_start") == false)
        }
    }
}
