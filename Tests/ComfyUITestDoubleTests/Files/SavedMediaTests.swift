import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyUITestDouble

/// The double's saved videos and sounds are real files (issue 12: their first frame and waveform are drawn), the
/// small fixtures in `Tests/Fixtures/outputs`, with the names, types and `Content-Type`s the recordings show.
@Suite struct SavedMediaTests {
    /// The workflow's outputs fetched through `/view`: file name → (Content-Type, bytes).
    private func fetchOutputs(of workflow: String) async throws -> [String: (type: String, bytes: [UInt8])] {
        try await withDouble { double, client in
            let result = try await run(try Recordings.workflow(workflow), on: double)
            var files: [String: (type: String, bytes: [UInt8])] = [:]
            for (_, output) in result.history?["outputs"]?.objectValue?.entries ?? [] {
                for key in ["images", "audio"] {
                    for item in output[key]?.arrayValue ?? [] {
                        let name = item["filename"]?.stringValue ?? ""
                        let query = "filename=\(name)&subfolder=\(item["subfolder"]?.stringValue ?? "")&type=\(item["type"]?.stringValue ?? "")"
                        let reply = try await client.get("/view?" + query)
                        #expect(reply.status == 200, "\(query)")
                        files[name] = (reply.headers.first(name: "Content-Type") ?? "", reply.body)
                    }
                }
            }
            return files
        }
    }

    private func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: SharedFixtures.output(name)))
    }

    @Test func saveVideoAndSaveWEBMServeTheRealMP4AndWebM() async throws {
        let files = try await fetchOutputs(of: "06_video_mp4_webm")
        #expect(files["video_00001_.mp4"]?.type == "video/mp4")
        #expect(files["video_00001_.mp4"]?.bytes == (try fixture("video.mp4")))
        #expect(files["webm_00001_.webm"]?.type == "video/webm")
        #expect(files["webm_00001_.webm"]?.bytes == (try fixture("video-vp9.webm")))
    }

    @Test func theAudioSaversServeRealFLACMP3AndOpus() async throws {
        let files = try await fetchOutputs(of: "07_audio_generated")
        let saved = { (suffix: String) in files.first { $0.key.hasPrefix("audio_") && $0.key.hasSuffix(suffix) }?.value }
        #expect(saved(".flac")?.bytes == (try fixture("audio.flac")))
        #expect(saved(".flac")?.type == "audio/flac")
        #expect(saved(".mp3")?.bytes == (try fixture("audio.mp3")))
        #expect(saved(".opus")?.bytes == (try fixture("audio.opus")))
        #expect(files.keys.contains { $0.hasPrefix("ComfyUI_temp_") && $0.hasSuffix(".flac") }, "\(files.keys.sorted())")
    }

    @Test func aRequestedFileSizeStillServesProducedBytesOfThatSize() async throws {
        try await withDouble({ $0.producedFileSize = 100_000 }) { double, client in
            let result = try await run(try Recordings.workflow("06_video_mp4_webm"), on: double)
            let item = try #require(result.history?["outputs"]?["4"]?["images"]?.arrayValue?.first)
            let reply = try await client.get("/view?filename=\(item["filename"]?.stringValue ?? "")&subfolder=comfykit&type=output")
            #expect(reply.body.count == 100_000)
        }
    }
}
