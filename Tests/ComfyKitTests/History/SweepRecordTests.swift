import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Issue 16: each prompt of a sweep is recorded as one prompt of that sweep (its id, index, size and varied values),
/// so a sweep left in flight can be found again whole.
@Suite struct SweepRecordTests {
    /// A history in a temporary folder and a kit on the double, with 09_text_output loaded.
    private func withTextOutputSweep(
        _ body: (RunHistory, ComfyKit, String, LoadedWorkflow) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory("ck-sweep-rec") { folder in
            try await withComfyUIDouble { double in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let kit = ComfyKit(servers: [double.baseURL], configuration: try ComfyKitConfiguration.resolve(environment: [:]))
                let path = SharedFixtures.workflow("09_text_output").path
                try await body(history, kit, path, try await kit.load(.file(path: path)))
            }
        }
    }

    @Test func everyPromptOfASweepIsRecordedWithTheSweepsIdItsIndexAndItsVariedValue() async throws {
        try await withTextOutputSweep { history, kit, path, loaded in
            let recorder = SweepRecorder(history: history, loaded: loaded, source: .file(path: path), kit: kit) { Issue.record("\($0)") }
            let texts = Variation(param: "text", values: [.string("alpha"), .string("beta"), .string("gamma")])
            for await event in kit.sweep(loaded, base: ["number": .int(1)], vary: [texts]) { await recorder.record(event) }
            #expect(try await history.endOfSweep(recorder.sweepID) == nil, "not ended until its consumer says so")
            await recorder.ended()
            await kit.close()
            #expect(try await history.endOfSweep(recorder.sweepID) != nil)

            let records = try await history.sweep(recorder.sweepID)
            #expect(records.map(\.sweepIndex) == [0, 1, 2])
            #expect(records.allSatisfy { $0.sweepID == recorder.sweepID && $0.sweepSize == 3 && $0.status == .completed })
            #expect(records.map { $0.sweepVaried.map(\.name) } == [["text"], ["text"], ["text"]])
            #expect(records.map { $0.sweepVaried.first?.value } == [.string("alpha"), .string("beta"), .string("gamma")])
            #expect(records.map { $0.params["text"] } == [.string("alpha"), .string("beta"), .string("gamma")])
            #expect(try await history.sweep("00000000").isEmpty)
            // The id each prompt was sent under is kept before the server answers (the server ran it under that id),
            // and the plan keeps the servers the sweep was routed over, for a later session to ask and resume.
            #expect(records.allSatisfy { $0.requestedPromptID != nil && $0.requestedPromptID == $0.promptID }, "\(records.map(\.requestedPromptID))")
            #expect(try await history.plannedServers(ofSweep: recorder.sweepID) == kit.serverNames)
        }
    }

    /// A sweep's plan is kept: a later process sends the planned prompts never routed with `sweep(_:points:)`, under
    /// their indices, and their records join the recorded sweep (its id and size), which the resumed recorder does
    /// not plan anew.
    @Test func theUnsentPromptsOfARecordedPlanAreSentLaterAndJoinTheSweep() async throws {
        try await withTextOutputSweep { history, kit, path, loaded in
            let first = SweepRecorder(history: history, loaded: loaded, source: .file(path: path), kit: kit) { Issue.record("\($0)") }
            let texts = Variation(param: "text", values: [.string("alpha"), .string("beta"), .string("http://user:pw@127.0.0.1:9/a.png?token=t")])
            // The first process records the plan and routes only the first prompt before it stops.
            for await event in kit.sweep(loaded, base: ["number": .int(7)], vary: [texts]) {
                if case .routed(let point, _) = event, point.index > 0 { continue }
                if case .submitted(let point, _, _) = event, point.index > 0 { continue }
                if case .finished(let point, _, _) = event, point.index > 0 { continue }
                await first.record(event)
            }
            let planned = try await history.plannedPoints(ofSweep: first.sweepID)
            #expect(planned.map(\.index) == [0, 1, 2])
            #expect(planned.map { $0.values["number"] } == [.int(7), .int(7), .int(7)])
            #expect(planned.map { $0.varied.first?.value } == [.string("alpha"), .string("beta"), .string("http://127.0.0.1:9/a.png?…")],
                    "a media URL is kept without its user info and with its query elided, as in the runs' records")
            #expect(try await history.plannedPoints(ofSweep: "00000000").isEmpty)

            let unsent = Array(planned.dropFirst()).filter { $0.index == 1 }
            let resumed = SweepRecorder(history: history, loaded: loaded, source: .file(path: path), kit: kit, resuming: (first.sweepID, 3)) {
                Issue.record("\($0)")
            }
            var finished: [Int] = []
            for await event in kit.sweep(loaded, points: unsent) {
                await resumed.record(event)
                if case .finished(let point, _, let outcome) = event, outcome.result.status == .completed { finished.append(point.index) }
            }
            await kit.close()
            #expect(finished == [1])
            let records = try await history.sweep(first.sweepID)
            #expect(records.map(\.sweepIndex) == [0, 1])
            #expect(records.allSatisfy { $0.sweepSize == 3 && $0.status == .completed })
            #expect(records.map { $0.params["text"] } == [.string("alpha"), .string("beta")])
            #expect(try await history.plannedPoints(ofSweep: first.sweepID).count == 3, "the resumed sweep keeps the plan as it was")
        }
    }

    /// The consumer of a stopped sweep is a cancelled task, in which GRDB's accesses throw: what it records still
    /// reaches the history, and the prompts it leaves unfinished end as interrupted.
    @Test func aCancelledConsumerStillRecordsAndInterruptsItsUnfinishedPrompts() async throws {
        try await withTemporaryDirectory("ck-sweep-cancel") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(environment: [:]))
            let path = SharedFixtures.workflow("09_text_output").path
            let loaded = try await kit.load(.file(path: path))
            let recorder = SweepRecorder(history: history, loaded: loaded, source: .file(path: path), kit: kit) { Issue.record("\($0)") }
            let points = ["alpha", "beta"].enumerated().map { SweepPlan.Point(index: $0.offset, values: ["text": .string($0.element)], varied: [("text", .string($0.element))]) }
            let consumer = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                #expect(Task.isCancelled)
                await recorder.record(.planned(points))
                for point in points { await recorder.record(.routed(point, server: "http://127.0.0.1:8188")) }
                await recorder.record(.finished(points[0], server: "http://127.0.0.1:8188", RunOutcome(result: ExecuteResult(status: .completed))))
                await recorder.ended(cancelled: true)
            }
            await consumer.value
            await kit.close()
            let records = try await history.sweep(recorder.sweepID)
            #expect(records.map(\.status) == [.completed, .interrupted])
            #expect(records.last?.message == "the sweep was cancelled")
            #expect(try await history.plannedPoints(ofSweep: recorder.sweepID).count == 2)
            #expect(try await history.endOfSweep(recorder.sweepID) != nil, "a cancelled sweep ended: it is not sent on by itself")
        }
    }
}
