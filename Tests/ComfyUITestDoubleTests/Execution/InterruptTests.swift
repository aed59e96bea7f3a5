import Testing
@testable import ComfyUITestDouble

/// `/interrupt` is a flag checked before each node and at each progress step.
@Suite struct InterruptTests {
    /// Slow blurs so an interrupt posted during node 3 lands at node 4, as recorded.
    static func slowBlurs(_ config: inout ComfyUIDouble.Configuration) {
        config.nodeDurations[.classType("ImageBlur")] = .milliseconds(300)
    }

    @Test func globalThenTargetedInterruptMatchTheRecordings() async throws {
        let global = try Recordings.transcript("scenario_interrupt_global")
        let targeted = try Recordings.transcript("scenario_interrupt_with_prompt_id")
        try await withDouble(Self.slowBlurs) { double, client in
            for (transcript, byPromptID) in [(global, false), (targeted, true)] {
                let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "interrupt"))
                let body = try #require(transcript.http("POST /prompt")?["request_body"]?["prompt"])
                let (_, promptID) = try await client.submit(body, clientID: "interrupt")
                try await probe.waitFor { $0.contains { $0.kind == "executing" && $0.data?["node"] == "3" } }
                let interrupt: JSONValue = byPromptID ? ["prompt_id": .string(promptID)] : [:]
                #expect(try await client.post("/interrupt", json: interrupt).status == 200)
                let frames = try await probe.waitForEnd(of: promptID)
                await probe.close()

                #expect(frames.map(\.kind) == transcript.types())
                let event = try #require(frames.first { $0.kind == "execution_interrupted" }?.data)
                #expect(Shape.event(event) == Shape.event(try #require(transcript.events("execution_interrupted").first)))
                let history = try await client.get("/history/\(promptID)").json?[promptID]
                #expect(history?["status"]?["status_str"] == "error")
                #expect(history?["status"]?["completed"] == false)
                #expect(history?["outputs"] == [:])
                #expect(history?["meta"] == [:])
            }
        }
    }

    @Test func interruptForAnotherPromptIsIgnored() async throws {
        try await withDouble(Self.slowBlurs) { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "wrong-id"))
            let (_, promptID) = try await client.submit(try Recordings.workflow("19_long_running_blur_chain"), clientID: "wrong-id")
            try await probe.waitFor { $0.contains { $0.kind == "executing" && $0.data?["node"] == "3" } }
            #expect(try await client.post("/interrupt", json: ["prompt_id": "00000000-0000-0000-0000-000000000000"]).status == 200)
            try await probe.waitFor { $0.contains { $0.kind == "executing" && $0.data?["node"] == "5" } }
            #expect(await probe.kinds.contains("execution_interrupted") == false)
            #expect(try await client.post("/interrupt", raw: nil).status == 200)
            let frames = try await probe.waitForEnd(of: promptID)
            await probe.close()
            let event = try #require(frames.first { $0.kind == "execution_interrupted" }?.data)
            #expect(event["node_id"] == "6")
            #expect(event["executed"] == ["1", "2", "3", "4", "5"])
        }
    }

    @Test func interruptDuringProgressLandsAtTheNextStep() async throws {
        let transcript = try Recordings.transcript("scenario_interrupt_during_upscale_progress")
        try await withDouble({ $0.progressStepInterval = .milliseconds(40) }) { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "progress"))
            let (_, promptID) = try await client.submit(try Recordings.workflow("22_long_progress_upscale_for_interrupt"), clientID: "progress")
            try await probe.waitFor { $0.contains { $0.kind == "progress" && $0.data?["value"] == 5 } }
            #expect(try await client.post("/interrupt", json: ["prompt_id": .string(promptID)]).status == 200)
            let frames = try await probe.waitForEnd(of: promptID)
            await probe.close()

            let values = frames.filter { $0.kind == "progress" }.compactMap { $0.data?["value"]?.intValue }
            #expect(values.count >= 5 && values.count < 160)
            #expect(values == Array(1...values.count))
            #expect(frames.allSatisfy { $0.data?["max"] == nil || $0.data?["max"] == 160 || $0.kind == "progress_state" })
            let collapse = { (kinds: [String]) in kinds.filter { $0 != "progress" && $0 != "progress_state" } }
            #expect(collapse(frames.map(\.kind)) == collapse(transcript.types()))
            let event = try #require(frames.first { $0.kind == "execution_interrupted" }?.data)
            #expect(Shape.event(event) == Shape.event(try #require(transcript.events("execution_interrupted").first)))
        }
    }
}
