import AsyncHTTPClient
import Foundation
import Testing
@testable import ComfyUITestDouble

/// The knobs that make the double misbehave on purpose.
@Suite struct FaultKnobTests {
    @Test func droppedSocketDiesAfterItsFrameBudgetAndTheReconnectWorks() async throws {
        try await withDouble({ $0.webSocketFault = WebSocketFault(.drop, afterFrames: 3) }) { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "drop"))
            let (_, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "drop")
            try await probe.waitUntilClosed()
            #expect(await probe.kinds == ["status", "status", "status"])
            let again = try await WebSocketProbe(url: double.webSocketURL(clientID: "drop"))
            #expect(await double.waitUntilIdle())
            #expect(try await client.get("/history/\(promptID)").json?[promptID]?["status"]?["completed"] == true)
            let (_, next) = try await client.submit(try Recordings.workflow("03_preview_image"), clientID: "drop")
            try await again.waitForEnd(of: next)
            await again.close()
        }
    }

    @Test func silentSocketStaysOpenButSendsNothingMore() async throws {
        try await withDouble({ $0.webSocketFault = WebSocketFault(.goSilent, afterFrames: 1) }) { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "quiet"))
            _ = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "quiet")
            #expect(await double.waitUntilIdle())
            try await Task.sleep(for: .milliseconds(100))
            #expect(await probe.kinds == ["status"])
            #expect(await probe.isClosed == false)
            #expect(double.connectedClientCount == 1)
            await probe.close()
        }
    }

    @Test func historyAnswers5xxForTheFirstRequests() async throws {
        try await withDouble({ $0.historyFaults.failingResponses = 2; $0.historyFaults.failureStatus = 503 }) { double, client in
            let result = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            // `run` used one request; one more failure is left.
            #expect(result.history == nil)
            #expect(try await client.get("/history/\(result.promptID)").status == 503)
            let third = try await client.get("/history/\(result.promptID)")
            #expect(third.status == 200)
            #expect(third.json?[result.promptID]?["status"]?["completed"] == true)
        }
    }

    @Test func historyRaceAnswersEmptyRightAfterCompletion() async throws {
        try await withDouble({ $0.historyFaults.emptyResponsesAfterCompletion = 2 }) { double, client in
            let result = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            #expect(result.history == nil)
            #expect(try await client.get("/history/\(result.promptID)").json == [:])
            #expect(try await client.get("/history/\(result.promptID)").json?[result.promptID] != nil)
        }
    }

    @Test func delayedPublishSendsTheEndBeforeHistoryExists() async throws {
        try await withDouble({ $0.historyFaults.publishDelay = .seconds(2) }) { double, client in
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "late"))
            let (_, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "late")
            try await probe.waitForEnd(of: promptID)
            #expect(try await client.get("/history/\(promptID)").json == [:])
            await probe.close()
            #expect(await double.waitUntilIdle())
            #expect(try await client.get("/history/\(promptID)").json?[promptID] != nil)
        }
    }

    @Test func uploadFaultFailsTheFirstUploads() async throws {
        try await withDouble({ $0.uploadFault = UploadFault(status: 502, count: 1) }) { double, client in
            let bytes = try Recordings.media("comfykit_test.png")
            #expect(try await client.upload(filename: "a.png", bytes: bytes).status == 502)
            #expect(try await client.upload(filename: "a.png", bytes: bytes).status == 200)
            #expect(await double.uploads().count == 1)
        }
    }

    @Test func largeProducedFilesStreamAsValidPNGs() async throws {
        let size = 48 << 20
        try await withDouble({ $0.producedFileSize = size }) { double, _ in
            _ = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            let request = HTTPClientRequest(url: double.baseURL.absoluteString + "/view?filename=empty_00001_.png&subfolder=comfykit&type=output")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.headers.first(name: "Content-Length") == String(size))
            var received = 0
            var head: [UInt8] = []
            var tail: [UInt8] = []
            for try await chunk in response.body {
                if head.count < 8 { head += chunk.readableBytesView.prefix(8 - head.count) }
                tail = Array((tail + chunk.readableBytesView).suffix(12))
                received += chunk.readableBytes
            }
            #expect(received == size)
            #expect(head == ImageEncoder.pngSignature)
            #expect(tail == ImageEncoder.pngEnd)
        }
    }

    @Test func samplerPreviewsCanBeHugeOrOff() async throws {
        let transcript = try Recordings.transcript("30_sd15_txt2img")
        let workflow = try #require(transcript.historyEntry?["prompt"]?.arrayValue?[2])
        try await withDouble({ $0.previews.imageSize = 2 << 20 }) { double, _ in
            let result = try await run(workflow, on: double)
            #expect(result.kinds == transcript.types())
            for case .binary(let bytes) in result.frames {
                #expect(bytes.count == 8 + (2 << 20))
                #expect(Array(bytes.prefix(12)) == [0, 0, 0, 1, 0, 0, 0, 1, 0xFF, 0xD8, 0xFF, 0xE0])
            }
        }
        try await withDouble({ $0.previews.enabled = false }) { double, _ in
            let result = try await run(workflow, on: double)
            #expect(result.kinds == transcript.types().filter { !$0.hasPrefix("binary") })
        }
    }

    @Test func progressKnobGivesAnyNodeSteps() async throws {
        try await withDouble({ $0.progressSteps[.classType("EmptyImage")] = 3 }) { double, _ in
            let result = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            let progress = result.events("progress")
            #expect(progress.compactMap { $0["value"]?.intValue } == [1, 2, 3])
            #expect(progress.allSatisfy { $0["node"] == "1" && $0["max"] == 3 })
        }
    }
}
