import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Hummingbird
import Testing

/// Cancelling the Swift task that waits for a run cancels the prompt on the server.
@Suite struct TaskCancellationTests {
    @Test func cancellingTheTaskThatAwaitsExecuteInterruptsThePromptWithinTwoSeconds() async throws {
        try await DoubleHarness.with({
            $0.progressSteps[.classType("ImageUpscaleWithModel")] = 500
            $0.progressStepInterval = .milliseconds(20)
        }) { double, kit in
            let source = WorkflowSource.file(path: Fixtures.workflowPath("21_progress_upscale_tiny_model"))
            let waiting = Task { await kit.execute(source, params: DoubleHarness.params(for: "21")) }
            // Cancel once the prompt runs on the server.
            let deadline = ContinuousClock.now + .seconds(10)
            while await double.recordedRequests().filter({ $0.route == "/prompt" }).isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(200))
            let cancelledAt = ContinuousClock.now
            waiting.cancel()
            let result = await waiting.value
            #expect(result.status == .interrupted)
            #expect(ContinuousClock.now - cancelledAt < .seconds(2))
            let interrupts = await double.recordedRequests().filter { $0.route == "/interrupt" }
            #expect(interrupts.count == 1)
            #expect(interrupts.first?.bodyText.contains(result.promptID ?? "-") == true)
        }
    }

    @Test func cancellingTheTaskThatAwaitsAHandlesResultCancelsThatRunOnly() async throws {
        try await DoubleHarness.with({ $0.nodeDurations[.classType("ImageBlur")] = .milliseconds(800) }) { double, kit in
            let kept = kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            let cancelled = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
            let waiting = Task { await cancelled.result }
            for await event in cancelled.events { if case .submitted = event { break } }
            waiting.cancel()
            #expect(await waiting.value.status == .interrupted)
            #expect(await kept.result.status == .completed)
        }
    }
}

/// The throwing way to wait for a run, beside the value-returning one.
@Suite struct ThrowingResultTests {
    @Test func aCompletedRunsValueIsItsResultAndAFailedOneThrowsItsReason() async throws {
        try await DoubleHarness.with { _, kit in
            let value = try await kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")).value
            #expect(value.status == .completed)
            await #expect(throws: RunFailure.self) {
                try await kit.run(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: ["widht": 64]).value
            }
        }
    }

    @Test func aKitForAServerNeedsOnlyItsURL() throws {
        let kit = try ComfyKit(baseURL: URL(string: "http://127.0.0.1:9")!, environment: [:])
        #expect(kit.configuration.comfyUIBaseURL.absoluteString == "http://127.0.0.1:9")
    }
}

/// Params from Swift variables, checked against the DSL's kinds before anything is sent.
@Suite struct SwiftValueParamsTests {
    @Test func variablesOfSwiftTypesAreParams() async throws {
        try await DoubleHarness.with { double, kit in
            let width = 64
            let height: Int64 = 48
            let result = await kit.execute(.file(URL(fileURLWithPath: Fixtures.workflowPath("01_empty_image_save"))), params: ["width": width, "height": height])
            #expect(result.status == .completed, "\(result.msg ?? "")")
            let posted = try #require(await double.recordedRequests().first { $0.route == "/prompt" && $0.method == "POST" })
            let prompt = try JSONValue(parsing: posted.body)["prompt"]
            #expect(prompt?.objectValue?.values.contains { $0["inputs"]?["width"] == 64 && $0["inputs"]?["height"] == 48 } == true)
        }
    }

    @Test func textThatIsNoNumberForANumberParamIsRefusedBeforeAnythingIsSent() async throws {
        try await DoubleHarness.with { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: ["width": "red", "height": 48])
            #expect(result.status == .error)
            #expect(result.msg == #"param `width`: "red" is not an integer (e.g. 1024)"#)
            #expect(await double.recordedRequests().allSatisfy { $0.route != "/prompt" })
            // Text that reads as a number goes as given: ComfyUI reads it.
            #expect(await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: ["width": "64", "height": 48]).status == .completed)
        }
    }

    @Test func literalsStillMeanParamValuesAndSeedsPast64BitsStayExact() {
        let literals: [String: ParamValue] = ["a": 1, "b": "x", "c": .json([1, 2])]
        #expect(literals["c"] == .json([1, 2]))
        #expect(UInt64.max.paramValue == .json(.number(JSONNumber(UInt64.max))))
        #expect(URL(fileURLWithPath: "/tmp/a b.png").paramValue == .string("/tmp/a b.png"))
    }
}

/// A cancel during a long media download stops it at once, not when the file is done.
@Suite struct UploadCancellationTests {
    @Test func cancellingWhileAMediaURLDownloadsEndsTheRunWithinTwoSeconds() async throws {
        let router = Router()
        router.get("slow.png") { _, _ -> Response in
            // Sends one byte of a megabyte, then nothing for 20 s: a stalled CDN.
            Response(status: .ok, headers: [.contentLength: "1000000"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: [0x89]))
                try await Task.sleep(for: .seconds(20))
                try await writer.finish(nil)
            })
        }
        try await withLocalHTTPServer(router) { mediaBase in
            try await DoubleHarness.with { double, kit in
                let run = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string(mediaBase.absoluteString + "/slow.png")])
                let waiting = Task { await run.result }
                for await event in run.events { if case .uploading = event { break } }
                try await Task.sleep(for: .milliseconds(300))
                let cancelledAt = ContinuousClock.now
                waiting.cancel()
                let result = await waiting.value
                #expect(result.status == .interrupted, "\(result.msg ?? "")")
                #expect(ContinuousClock.now - cancelledAt < .seconds(2))
                #expect(await double.recordedRequests().allSatisfy { $0.route != "/prompt" })
            }
        }
    }
}
