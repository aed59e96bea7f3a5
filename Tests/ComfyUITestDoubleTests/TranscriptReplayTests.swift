import Testing
@testable import ComfyUITestDouble

/// Each recorded workflow, replayed against the double, gives the recorded HTTP answer, the recorded
/// WebSocket event sequence and a history entry of the recorded shape.
@Suite struct TranscriptReplayTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var workflow: String
        var transcript: String
        var upload: (name: String, type: String)?
        var testDescription: String { transcript }
    }

    static let cases: [Case] = [
        Case(workflow: "01_empty_image_save", transcript: "01_empty_image_save"),
        Case(workflow: "02_load_transform_save", transcript: "02_load_transform_save", upload: ("comfykit_test.png", "image/png")),
        Case(workflow: "03_preview_image", transcript: "03_preview_image"),
        Case(workflow: "04_multi_output", transcript: "04_multi_output"),
        Case(workflow: "05_animated_webp_png", transcript: "05_animated_webp_png"),
        Case(workflow: "06_video_mp4_webm", transcript: "06_video_mp4_webm"),
        Case(workflow: "07_audio_generated", transcript: "07_audio_generated"),
        Case(workflow: "08_audio_load_save", transcript: "08_audio_load_save", upload: ("comfykit_tone.wav", "audio/wav")),
        Case(workflow: "09_text_output", transcript: "09_text_output"),
        Case(workflow: "10_progress_websocket_images", transcript: "10_progress_websocket_images_legacy"),
        Case(workflow: "11_execution_error", transcript: "11_execution_error"),
        Case(workflow: "17_partial_failure_one_output_invalid", transcript: "17_partial_failure_one_output_invalid"),
        Case(workflow: "19_long_running_blur_chain", transcript: "19_long_running_blur_chain"),
        Case(workflow: "21_progress_upscale_tiny_model", transcript: "21_progress_upscale_tiny_model"),
    ]

    @Test(arguments: cases)
    func replayMatchesTheRecording(_ testCase: Case) async throws {
        let transcript = try Recordings.transcript(testCase.transcript)
        let recordedOrder = transcript.historyEntry?["prompt"]?.arrayValue?[4].arrayValue?.compactMap(\.stringValue) ?? []
        try await withDouble({ $0.outputOrder = recordedOrder }) { double, client in
            if let upload = testCase.upload {
                let reply = try await client.upload(filename: upload.name, bytes: try Recordings.media(upload.name), contentType: upload.type,
                                                    fields: [("overwrite", "true"), ("type", "input")])
                #expect(reply.json == transcript.http("POST /upload/image")?["body"])
            }
            let result = try await run(try Recordings.workflow(testCase.workflow), on: double)

            let recordedPost = try #require(transcript.http("POST /prompt"))
            #expect(result.reply.status == recordedPost["status"]?.intValue)
            #expect(result.reply.json?.objectValue?.keys == recordedPost["body"]?.objectValue?.keys)
            #expect(result.reply.json?["node_errors"] == recordedPost["body"]?["node_errors"])

            #expect(result.kinds == transcript.types())
            let recordedExecuted = transcript.events("executed").map(Shape.event)
            #expect(result.events("executed").map(Shape.event) == recordedExecuted)

            let recordedHistory = try #require(transcript.historyEntry)
            let history = try #require(result.history)
            #expect(history.objectValue?.keys == recordedHistory.objectValue?.keys)
            #expect(Self.outputsMatch(history["outputs"], recordedHistory["outputs"]))
            #expect(history["meta"]?.sameContent(as: recordedHistory["meta"] ?? .null) == true)
            #expect(history["status"]?["status_str"] == recordedHistory["status"]?["status_str"])
            #expect(history["status"]?["completed"] == recordedHistory["status"]?["completed"])
            let messageNames = { (entry: JSONValue) in entry["status"]?["messages"]?.arrayValue?.map { $0.arrayValue?.first ?? .null } }
            #expect(messageNames(history) == messageNames(recordedHistory))
            #expect(history["prompt"]?.arrayValue?[2] == recordedHistory["prompt"]?.arrayValue?[2])
            #expect(history["prompt"]?.arrayValue?[4] == recordedHistory["prompt"]?.arrayValue?[4])
        }
    }

    /// History outputs compared per node with file names normalised.
    static func outputsMatch(_ ours: JSONValue?, _ recorded: JSONValue?) -> Bool {
        guard let ours = ours?.objectValue, let recorded = recorded?.objectValue, ours.count == recorded.count else { return false }
        return recorded.entries.allSatisfy { key, value in Shape.ui(ours[key]) == Shape.ui(value) }
    }
}
