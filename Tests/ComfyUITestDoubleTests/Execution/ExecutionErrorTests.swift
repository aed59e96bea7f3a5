import Testing
@testable import ComfyUITestDouble

/// Nodes that raise: the recorded `SplitAudioChannels` failure, and injected ones.
@Suite struct ExecutionErrorTests {
    @Test func monoAudioSplitFailsWithTheRecordedPayload() async throws {
        let transcript = try Recordings.transcript("11_execution_error")
        let recorded = try #require(transcript.events("execution_error").first?.objectValue)
        try await withDouble { double, _ in
            let result = try await run(try Recordings.workflow("11_execution_error"), on: double)
            let error = try #require(result.events("execution_error").first?.objectValue)
            #expect(error.keys == recorded.keys)
            for key in recorded.keys where key != "prompt_id" && key != "timestamp" {
                #expect(error[key] == recorded[key], "\(key)")
            }
            #expect(result.history?["outputs"] == [:])
            #expect(result.history?["status"]?["status_str"] == "error")
            #expect(result.history?["status"]?["completed"] == false)
        }
    }

    @Test func injectedErrorStopsThePromptAtThatNode() async throws {
        let failure = ForcedExecutionError(exceptionType: "torch.OutOfMemoryError", message: "CUDA out of memory")
        try await withDouble({ $0.forcedExecutionErrors[.nodeID("2")] = failure }) { double, _ in
            let result = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            #expect(result.reply.status == 200)
            #expect(Array(result.kinds.suffix(3)) == ["execution_error", "status", "executing"])
            let error = try #require(result.events("execution_error").first)
            #expect(error["node_id"] == "2")
            #expect(error["node_type"] == "SaveImage")
            #expect(error["exception_type"] == "torch.OutOfMemoryError")
            #expect(error["exception_message"] == "CUDA out of memory\n")
            #expect(error["executed"] == ["1"])
            #expect(result.events("executed").isEmpty)
            #expect(await double.files(in: "output").isEmpty)
        }
    }
}
