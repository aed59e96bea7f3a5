import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// `comfykit run` and `comfykit download`, run as a user runs them, against the test double.
@Suite struct RunCommandTests {
    func run(_ arguments: [String], double: RunningDouble) async throws -> ProcessOutput {
        try await Subprocess.run(product: "comfykit", arguments + ["--server", double.baseURL.absoluteString])
    }

    @Test func aServerThatIsNoHTTPURLIsAUsageErrorNamingTheFlag() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["run", SharedFixtures.workflow("01_empty_image_save").path, "--server", "foo://bar"])
        #expect(output.status == 2)
        #expect(output.stderr.contains(#"--server="foo://bar" is not valid: expected an http(s) URL"#), "\(output.stderr)")
        #expect(!output.stderr.contains("comfyUIBaseURL"))
    }

    @Test func aCompletedRunPrintsItsOutputsAndExits0() async throws {
        try await withComfyUIDouble { double in
            let output = try await run(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi there", "-p", "number=7"], double: double)
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("completed prompt ") == true)
            #expect(lines.contains("text (text): hi there, world"))
            #expect(lines.contains("number (text): 7"))
            // stderr is not a terminal here: plain progress lines, no escape codes.
            #expect(output.stderr.contains("submitted prompt"))
            #expect(!output.stderr.contains("\u{1B}["))
        }
    }

    @Test func jsonModePrintsNDJSONEventsEndingWithTheResult() async throws {
        try await withComfyUIDouble { double in
            let output = try await run(["run", "--json", SharedFixtures.workflow("01_empty_image_save").path, "-p", "width=32", "-p", "height=16"], double: double)
            #expect(output.status == 0)
            let events = try output.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
            #expect(events.first?["event"] == "submitted")
            #expect(events.contains { $0["event"] == "node_started" && $0["class_type"] == "EmptyImage" })
            let last = try #require(events.last)
            #expect(last["event"] == "finished")
            #expect(last["result"]?["status"] == "completed")
            #expect(last["result"]?["images_by_var"]?["result"]?.arrayValue?.count == 1)
        }
    }

    @Test func aFailedRunExits1WithTheReason() async throws {
        try await withComfyUIDouble { double in
            let output = try await run(["run", SharedFixtures.workflow("11_execution_error").path, "-p", "duration=0.5"], double: double)
            #expect(output.status == 1)
            #expect(output.stderr.contains("Error: node 2 (SplitAudioChannels): ValueError: AudioSplit: Input audio has only one channel."))
        }
    }

    @Test func aValidationErrorNamesTheParam() async throws {
        try await withComfyUIDouble { double in
            let output = try await run(["run", SharedFixtures.workflow("12_validation_error_bad_value").path, "-p", "width=0", "-p", "height=8"], double: double)
            #expect(output.status == 1)
            #expect(output.stderr.contains("node 1 (EmptyImage) input width (param width): Value 0 smaller than min of 1"))
        }
    }

    @Test(arguments: [
        (["-p", "width=abc", "-p", "height=8"], #"param `width`: "abc" is not an integer (e.g. 1024)"#),
        (["-p", "widht=3"], "unknown param 'widht'; this workflow takes: width, height, color"),
        (["-p", "width"], "-p width: expected name=value"),
        (["-p", "width=8"], "Required parameter 'height' is missing"),
    ])
    func badParamsAreUsageErrorsWithExitCode2(arguments: [String], message: String) async throws {
        try await withComfyUIDouble { double in
            let output = try await run(["run", SharedFixtures.workflow("01_empty_image_save").path] + arguments, double: double)
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.status == (message.hasPrefix("Required") ? 1 : 2))
        }
    }

    @Test func downloadSavesTheOutputsOfAFinishedPrompt() async throws {
        try await withComfyUIDouble { double in
            let ran = try await run(["run", "--json", SharedFixtures.workflow("04_multi_output").path, "-p", "image=comfykit_test.png"], double: double)
            let last = try JSONValue(parsing: String(try #require(ran.stdout.split(separator: "\n").last)))
            let promptID = try #require(last["result"]?["prompt_id"]?.stringValue)
            try await withTemporaryDirectory("ck-dl") { folder in
                let output = try await run(["download", promptID, "--to", folder.path], double: double)
                #expect(output.status == 0, "\(output.stderr)")
                #expect(output.stdout.split(separator: "\n").filter { $0.hasPrefix("saved ") }.count == 7)
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 7)
            }
            let unknown = try await run(["download", "no-such-prompt"], double: double)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("prompt no-such-prompt is not in the server's history"))
        }
    }

    @Test func runWithDownloadSavesEveryOutput() async throws {
        try await withComfyUIDouble { double in
            try await withTemporaryDirectory("ck-run-dl") { folder in
                let output = try await run(["run", SharedFixtures.workflow("07_audio_generated").path, "-p", "duration=0.5", "--download", folder.path], double: double)
                #expect(output.status == 0, "\(output.stderr)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 4)
            }
        }
    }

    @Test func ctrlCCancelsThePromptOnTheServerAndExits130() async throws {
        try await withComfyUIDouble({
            $0.progressSteps[.classType("ImageUpscaleWithModel")] = 500
            $0.progressStepInterval = .milliseconds(20)
        }) { double in
            let process = Process()
            process.executableURL = Subprocess.product("comfykit")
            process.arguments = ["run", "--json", SharedFixtures.workflow("21_progress_upscale_tiny_model").path, "-p", "image=comfykit_test.png",
                                 "--server", double.baseURL.absoluteString]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            // Wait (on a Dispatch thread) for the first progress step, then press Ctrl-C.
            let text: String = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    var seen = Data()
                    while !String(decoding: seen, as: UTF8.self).contains("\"value\":1.0") {
                        let chunk = out.fileHandleForReading.availableData
                        if chunk.isEmpty { break }
                        seen += chunk
                    }
                    kill(process.processIdentifier, SIGINT)
                    seen += out.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: String(decoding: seen, as: UTF8.self))
                }
            }
            #expect(process.terminationStatus == 130)
            #expect(text.contains(#""status":"interrupted""#))
            #expect(await double.recordedRequests().contains { $0.route == "/interrupt" })
        }
    }
}

/// Every runnable shared workflow through the CLI, as a new user would: the outputs of the recorded history.
@Suite struct RunCommandSharedWorkflowTests {
    @Test(arguments: SharedFixtures.runnableWorkflows)
    func theCLIGivesTheRecordedOutputs(name: String) async throws {
        try await withComfyUIDouble { double in
            let params = SharedFixtures.requiredParams(for: name).flatMap { key, value in ["-p", "\(key)=\(value)"] }
            let output = try await Subprocess.run(product: "comfykit", ["run", "--json", SharedFixtures.workflow(name).path, "--server", double.baseURL.absoluteString] + params)
            #expect(output.status == 0, "\(output.stderr)")
            let last = try JSONValue(parsing: String(try #require(output.stdout.split(separator: "\n").last)))
            var shape: [String: Int] = [:]
            for (node, value) in last["result"]?["outputs"]?.objectValue ?? [:] {
                for (key, items) in value.objectValue ?? [:] where key != "animated" { shape["\(node).\(key)", default: 0] += items.arrayValue?.count ?? 0 }
            }
            if let recorded = try SharedFixtures.recordedOutputShape(name) { #expect(shape == recorded) }
        }
    }
}
