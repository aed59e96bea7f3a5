import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Issue 16: each prompt of a sweep is recorded as one prompt of that sweep (its id, index, size and varied values),
/// so a sweep left in flight can be found again whole.
@Suite struct SweepRecordTests {
    @Test func everyPromptOfASweepIsRecordedWithTheSweepsIdItsIndexAndItsVariedValue() async throws {
        try await withTemporaryDirectory("ck-sweep-rec") { folder in
            try await withComfyUIDouble { double in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let kit = ComfyKit(servers: [double.baseURL], configuration: try ComfyKitConfiguration.resolve(environment: [:]))
                let path = SharedFixtures.workflow("09_text_output").path
                let loaded = try await kit.load(.file(path: path))
                let recorder = SweepRecorder(history: history, loaded: loaded, source: .file(path: path), kit: kit) { Issue.record("\($0)") }
                let texts = Variation(param: "text", values: [.string("alpha"), .string("beta"), .string("gamma")])
                for await event in kit.sweep(loaded, base: ["number": .int(1)], vary: [texts]) { await recorder.record(event) }
                await kit.close()

                let records = try await history.sweep(recorder.sweepID)
                #expect(records.map(\.sweepIndex) == [0, 1, 2])
                #expect(records.allSatisfy { $0.sweepID == recorder.sweepID && $0.sweepSize == 3 && $0.status == .completed })
                #expect(records.map { $0.sweepVaried.map(\.name) } == [["text"], ["text"], ["text"]])
                #expect(records.map { $0.sweepVaried.first?.value } == [.string("alpha"), .string("beta"), .string("gamma")])
                #expect(records.map { $0.params["text"] } == [.string("alpha"), .string("beta"), .string("gamma")])
                #expect(try await history.sweep("00000000").isEmpty)
            }
        }
    }
}
