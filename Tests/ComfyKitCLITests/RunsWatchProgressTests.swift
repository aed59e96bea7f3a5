import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// `comfykit runs watch` shows a re-attached run's node progress as `comfykit run` does: ComfyUI sends it only
/// to the socket of the client that submitted the prompt, so the watcher takes that client's place.
@Suite struct RunsWatchProgressTests {
    @Test func watchShowsTheNodeStepsOfARunSubmittedByAProcessThatIsGone() async throws {
        let runs = RunsCommandTests()
        try await runs.withSandbox { sandbox in
            try await withComfyUIDouble({ $0.progressStepInterval = .milliseconds(60) }) { double in
                // The image already on the server (the double's input/ has the shared media).
                let record = try await runs.recordInFlight("21_progress_upscale_tiny_model", params: ["image": "comfykit_test.png"],
                                                           double: double, sandbox: sandbox)
                let watched = try await sandbox.comfykit(["runs", "watch", record.id, "--json"])
                #expect(watched.status == 0, "\(watched.stderr)")
                let events = watched.stdout.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
                let steps = events.filter { $0["event"] == "progress" && $0["node"] == "4" }
                #expect(steps.count >= 5, "the upscale's steps arrive on the watcher's socket: \(steps.count)")
                // The upscale had started before the watcher came: its first step seen announces it.
                #expect(events.contains { $0["event"] == "node_started" && $0["node"] == "4" })
                #expect(events.contains { $0["event"] == "node_started" && $0["class_type"] == "SaveImage" })
                #expect(events.last?["event"] == "finished")

                let plain = try await sandbox.comfykit(["runs", "watch", record.id])
                #expect(plain.stdout.hasPrefix("completed prompt \(record.promptID!)"))
            }
        }
    }
}
