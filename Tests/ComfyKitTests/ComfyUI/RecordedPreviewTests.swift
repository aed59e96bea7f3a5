import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Issue 12: the double sends a sampler's preview frames as the real SD1.5 run in `shared/comfyui/previews/` did
/// (its four 512×512 latent2rgb JPEGs, one a step), and the SDK, which asks for `supports_preview_metadata`,
/// receives them as type-4 frames naming their prompt and node.
@Suite struct RecordedPreviewTests {
    /// The recorded run's own workflow (`metadata.json`'s `workflow`: 4 steps of KSampler, node 3), as a file.
    static func recordedWorkflow(in folder: URL) throws -> URL {
        let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedFixtures.preview("metadata.json"))) as? [String: Any]
        let workflow = try #require(recording?["workflow"])
        let path = folder.appendingPathComponent("sd15_recorded.json")
        try JSONSerialization.data(withJSONObject: workflow).write(to: path)
        return path
    }

    @Test func theRecordedFramesArriveInTurnWithTheirPromptAndSamplerNode() async throws {
        let settings = try PreviewSettings.recorded(in: SharedFixtures.directory)
        let frames = try #require(settings.recordedFrames)
        #expect(frames.count == 4)
        #expect(frames.allSatisfy { $0.starts(with: [0xFF, 0xD8, 0xFF]) })
        try await DoubleHarness.with({ $0.previews = settings }) { _, kit in
            try await withTemporaryDirectory("ck-previews") { folder in
                let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: try Self.recordedWorkflow(in: folder).path),
                                                                            params: ["prompt": .string("a lighthouse at dusk")]))
                #expect(outcome.result.status == .completed, "\(outcome.result.msg ?? "")")
                let previews = events.compactMap { if case .preview(let preview) = $0 { preview } else { nil } }
                #expect(previews.map(\.bytes) == frames)
                #expect(previews.allSatisfy { $0.format == .jpeg && $0.nodeID == "3" && $0.promptID == outcome.result.promptID })
            }
        }
    }

    @Test func aPreviewEveryNStepsSendsTheFramesInTurnAtThatPace() async throws {
        var settings = try PreviewSettings.recorded(in: SharedFixtures.directory)
        settings.everySteps = 3
        let frames = try #require(settings.recordedFrames)
        try await DoubleHarness.with({ $0.previews = settings; $0.progressSteps[.classType("KSampler")] = 12 }) { _, kit in
            try await withTemporaryDirectory("ck-previews") { folder in
                let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: try Self.recordedWorkflow(in: folder).path),
                                                                            params: ["prompt": .string("a lighthouse at dusk")]))
                #expect(outcome.result.status == .completed, "\(outcome.result.msg ?? "")")
                // Twelve steps, a frame at the 3rd, 6th, 9th and 12th: each recorded frame once, in order.
                let previews = events.compactMap { if case .preview(let preview) = $0 { preview } else { nil } }
                #expect(previews.map(\.bytes) == frames)
                let progressBeforeFirst = events.prefix { if case .preview = $0 { false } else { true } }
                    .filter { if case .progress = $0 { true } else { false } }.count
                #expect(progressBeforeFirst == 3, "the first frame comes with the third step: \(progressBeforeFirst) progress events before it")
            }
        }
    }

    @Test func theRecordedOutputIsServedAsTheSavedImage() async throws {
        let recorded = try PreviewSettings.recordedOutput(in: SharedFixtures.directory)
        #expect(recorded.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        try await DoubleHarness.with({ $0.imageOutput = recorded }) { _, kit in
            try await withTemporaryDirectory("ck-previews") { folder in
                let outcome = try await kit.execute(.file(path: try Self.recordedWorkflow(in: folder).path), params: ["prompt": .string("a lighthouse at dusk")])
                let url = try #require(outcome.imageURLs.first, "\(outcome.images)")
                let (body, _) = try await URLSession.shared.data(from: url)
                #expect(Array(body) == recorded, "the saved PNG is the recorded run's output (\(body.count) bytes)")
            }
        }
    }
}
