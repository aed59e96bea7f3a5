import Testing
@testable import ComfyUITestDouble

/// Re-running unchanged nodes reuses their results, as ComfyUI's default cache does.
@Suite struct CachingTests {
    @Test func cachedRerunMatchesTheRecording() async throws {
        let transcript = try Recordings.transcript("scenario_cached_rerun")
        let workflow = try Recordings.workflow("01_empty_image_save")
        try await withDouble { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "rerun"))
            let (_, first) = try await client.submit(workflow, clientID: "rerun")
            try await probe.waitForEnd(of: first)
            let (_, second) = try await client.submit(workflow, clientID: "rerun")
            let frames = try await probe.waitForEnd(of: second)
            await probe.close()

            #expect(frames.map(\.kind) == transcript.types())
            let executed = frames.filter { $0.kind == "executed" }.compactMap { $0.data?["output"] }
            #expect(executed.count == 2)
            #expect(executed.first == executed.last)
            let cached = frames.filter { $0.kind == "execution_cached" }.compactMap { $0.data?["nodes"] }
            #expect(cached == [[], ["1", "2"]])
            let finished = try #require(frames.last { $0.kind == "progress_state" }?.data)
            #expect(Shape.event(finished) == Shape.event(try #require(transcript.events("progress_state").last)))
            #expect(await double.files(in: "output") == ["comfykit/empty_00001_.png"])
            let history = try await client.get("/history/\(second)").json?[second]
            #expect(history?["outputs"] == ["2": ["images": [["filename": "empty_00001_.png", "subfolder": "comfykit", "type": "output"]]]])
        }
    }

    @Test func featureFlagClientGetsMetadataPreviewsAndReusesTheLegacyRunsNodes() async throws {
        let legacy = try Recordings.transcript("10_progress_websocket_images_legacy")
        let flagged = try Recordings.transcript("10_progress_websocket_images_feature_flags")
        let workflow = try Recordings.workflow("10_progress_websocket_images")
        try await withDouble { double, _ in
            let first = try await run(workflow, on: double, clientID: "legacy")
            #expect(first.kinds == legacy.types())
            for case .binary(let bytes) in first.frames {
                #expect(Array(bytes.prefix(12)) == [0, 0, 0, 1, 0, 0, 0, 2, 0x89, 0x50, 0x4E, 0x47])
            }
            let second = try await run(workflow, on: double, clientID: "flagged", featureFlags: true)
            #expect(second.kinds == flagged.types())
            #expect(second.frames.first { $0.kind == "feature_flags" }?.data == ["supports_preview_metadata": true, "max_upload_size": 104_857_600])
            let recordedMetadata = try #require(flagged.frames().first { $0["event_type"] == 4 }?["metadata"])
            for case .binary(let bytes) in second.frames {
                #expect(Array(bytes.prefix(8)) == [0, 0, 0, 4, 0, 0, 0, 0xA5])
                let metadata = try JSONParser.parse(Array(bytes[8..<(8 + 0xA5)]))
                #expect(Shape.event(metadata) == Shape.event(recordedMetadata))
                #expect(metadata["prompt_id"]?.stringValue == second.promptID)
            }
        }
    }
}
