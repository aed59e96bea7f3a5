import Foundation
import Testing
@testable import ComfyUITestDouble

/// The HTTP routes' edge cases, as recorded on a real ComfyUI server.
@Suite struct HTTPRouteTests {
    static let misc = try! Recordings.transcript("scenario_http_misc")

    static func recorded(_ request: String) -> JSONValue? {
        misc.json["http"]?.arrayValue?.first { $0["request"]?.stringValue == request }
    }

    @Test func uploadsRenameDedupAndRefuseLikeTheRecording() async throws {
        let original = ImageEncoder.solidPNG(width: 4, height: 4, rgb: 0xFF0000)
        let different = ImageEncoder.solidPNG(width: 4, height: 4, rgb: 0x00FF00)
        let steps: [(request: String, bytes: [UInt8], fields: [(String, String)])] = [
            (#"POST /upload/image multipart image=dup_test.png {"overwrite": "true"}"#, original, [("overwrite", "true")]),
            ("POST /upload/image multipart image=dup_test.png {}", original, []),
            ("POST /upload/image multipart image=dup_test.png {}", different, []),
            (#"POST /upload/image multipart image=dup_test.png {"subfolder": "comfykit", "type": "input", "overwrite": "1"}"#, original,
             [("subfolder", "comfykit"), ("type", "input"), ("overwrite", "1")]),
            (#"POST /upload/image multipart image=dup_test.png {"type": "temp"}"#, original, [("type", "temp")]),
            (#"POST /upload/image multipart image=dup_test.png {"subfolder": "../../etc"}"#, original, [("subfolder", "../../etc")]),
        ]
        let exchanges = (Self.misc.json["http"]?.arrayValue ?? []).filter { ($0["request"]?.stringValue ?? "").hasPrefix("POST /upload/image multipart") }
        try await withDouble { double, client in
            for (index, step) in steps.enumerated() {
                let reply = try await client.upload(filename: "dup_test.png", bytes: step.bytes, fields: step.fields)
                #expect(reply.status == exchanges[index]["status"]?.intValue, "\(step.request)")
                if reply.status == 200 { #expect(reply.json == exchanges[index]["body"], "\(step.request)") } else { #expect(reply.body.isEmpty) }
            }
            let missing = try await client.upload(filename: "x.png", bytes: [], fields: [("overwrite", "true")], includeImage: false)
            #expect(missing.status == Self.recorded("POST /upload/image without image field")?["status"]?.intValue)

            let uploads = await double.uploads()
            #expect(uploads.map(\.storedName) == ["dup_test.png", "dup_test.png", "dup_test (1).png", "dup_test.png", "dup_test.png"])
            #expect(uploads[2].bytes == different)
            #expect(uploads.allSatisfy { $0.contentType == "image/png" && $0.sentFilename == "dup_test.png" })
            #expect(await double.files(in: "input").contains("dup_test (1).png"))
            #expect(await double.files(in: "temp") == ["dup_test.png"])
        }
    }

    @Test func viewServesFilesAndRefusesHostilePaths() async throws {
        try await withDouble { double, client in
            _ = try await client.upload(filename: "dup_test.png", bytes: ImageEncoder.solidPNG(width: 2, height: 2, rgb: 0), fields: [("overwrite", "true")])
            for query in ["filename=nope.png&type=output", "filename=../secret.png&type=output", "filename=x.png&type=bogus",
                          "filename=dup_test.png&type=input&subfolder=../..", "filename=dup_test.png&type=input"] {
                let recorded = try #require(Self.recorded("GET /view?\(query)"))
                let reply = try await client.get("/view?" + query.replacingOccurrences(of: "../", with: "..%2F"))
                #expect(reply.status == recorded["status"]?.intValue, "\(query)")
                #expect(reply.headers.first(name: "Content-Type") == recorded["content_type"]?.stringValue, "\(query)")
            }
            let annotated = try await client.get("/view?filename=dup_test.png%20%5Binput%5D")
            #expect(annotated.status == 200)
            #expect(annotated.headers.first(name: "Content-Disposition") == "filename=\"dup_test.png\"")
        }
    }

    @Test func promptBodyErrorsAndNumbersFollowTheServer() async throws {
        let workflow = try Recordings.workflow("01_empty_image_save")
        try await withDouble { _, client in
            let notJSON = try await client.post("/prompt", raw: Array("not json".utf8))
            #expect(notJSON.status == 500)
            #expect(notJSON.text == Self.recorded("POST /prompt body 'not json'")?["body"]?.stringValue)
            let noPrompt = try await client.post("/prompt", json: ["client_id": "x"])
            #expect(noPrompt.status == 400)
            let recordedNoPrompt = Self.misc.json["http"]?.arrayValue?.first { $0["request_body"] == ["client_id": "x"] }
            #expect(noPrompt.json == recordedNoPrompt?["body"])
            // The refused POST without `prompt` still took number 0; the non-JSON one never got that far.
            let (first, _) = try await client.submit(workflow, clientID: nil)
            #expect(first.json?["number"] == 1)
            let (explicit, _) = try await client.submit(workflow, clientID: nil, extra: ["number": 7.5])
            #expect(explicit.json?["number"] == 7.5)
            let (whole, _) = try await client.submit(workflow, clientID: nil, extra: ["number": 7])
            #expect(whole.text.contains("\"number\": 7.0"))
            let (front, _) = try await client.submit(workflow, clientID: nil, extra: ["front": true])
            #expect(front.json?["number"] == -2)
            let (own, ownID) = try await client.submit(workflow, clientID: nil, extra: ["prompt_id": "my-own-prompt-id-0001"])
            #expect(own.status == 200)
            #expect(ownID == "my-own-prompt-id-0001")
        }
    }

    @Test func queueShowsPendingAsAHeapAndHonoursDeleteAndClear() async throws {
        try await withDouble(InterruptTests.slowBlurs) { double, client in
            let workflow = try Recordings.workflow("19_long_running_blur_chain")
            let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: "q"))
            let (_, running) = try await client.submit(workflow, clientID: "q")
            try await probe.waitFor { $0.contains { $0.kind == "execution_start" } }
            var ids: [String] = []
            for extra: JSONObject in [[:], [:], ["front": true], ["prompt_id": "my-own-prompt-id-0001"]] {
                ids.append(try await client.submit(workflow, clientID: "q", extra: extra).1)
            }
            let queue = try await client.get("/queue").json
            #expect(queue?["queue_running"]?.arrayValue?.map { $0.arrayValue?[1] } == [.string(running)])
            #expect(queue?["queue_pending"]?.arrayValue?.compactMap { $0.arrayValue?[0] } == [-3, 2, 1, 4])
            #expect(try await client.get("/prompt").json == ["exec_info": ["queue_remaining": 5]])
            _ = try await client.post("/queue", json: ["delete": [.string(ids[1])]])
            #expect(try await client.get("/queue").json?["queue_pending"]?.arrayValue?.compactMap { $0.arrayValue?[0] } == [-3, 1, 4])
            _ = try await client.post("/interrupt", json: [:])
            let frontID = ids[2]
            try await probe.waitFor { $0.contains { $0.kind == "execution_start" && $0.data?["prompt_id"]?.stringValue == frontID } }
            _ = try await client.post("/queue", json: ["clear": true])
            #expect(try await client.get("/queue").json?["queue_pending"] == [])
            _ = try await client.post("/interrupt", json: [:])
            try await probe.waitForEnd(of: frontID)
            await probe.close()
            #expect(await double.waitUntilIdle())
        }
    }

    @Test func originMismatchIsRefusedAndEveryRequestIsRecorded() async throws {
        try await withDouble { double, client in
            let host = "127.0.0.1:\(double.port)"
            let evil = try await client.post("/prompt", json: [:], headers: [("Origin", "http://evil.example")])
            #expect(evil.status == 403)
            #expect(evil.body.isEmpty)
            let workflow = try Recordings.workflow("01_empty_image_save")
            let same = try await client.post("/prompt", json: ["prompt": workflow], headers: [("Origin", "http://\(host)")])
            #expect(same.status == 200)
            let portless = try await client.get("/api/features", headers: [("Origin", "ws://127.0.0.1"), ("Authorization", "Bearer k")])
            #expect(portless.json == Self.recorded("GET /api/features")?["body"])

            let requests = await double.recordedRequests()
            #expect(requests.map(\.route) == ["/prompt", "/prompt", "/api/features"])
            #expect(requests[0].header("authorization") == nil)
            #expect(requests[2].header("Authorization") == "Bearer k")
            #expect(requests[2].header("Host") == host)
        }
    }

    @Test func infoRoutesAnswerTheRecordedShapes() async throws {
        try await withDouble { _, client in
            #expect(try await client.get("/api/object_info/SaveImage").json == Self.recorded("GET /api/object_info/SaveImage")?["body"])
            #expect(try await client.get("/object_info/NoSuchNode").json == [:])
            let all = try await client.get("/object_info").json?.objectValue
            #expect(all?.count == 496)
            #expect(all?["SaveImageWebsocket"]?["output_node"] == true)
            #expect(try await client.get("/models/nope").status == 404)
            #expect(try await client.get("/models/upscale_models").json == ["comfykit-tiny-compact-x2.safetensors"])
            #expect(try await client.get("/system_stats").json?["system"]?["comfyui_version"] == "0.3.64")
            #expect(try await client.get("/no/such/route").status == 404)
            #expect(try await client.get("/history/does-not-exist").json == [:])
        }
    }

    @Test func historyListsDeletesAndClears() async throws {
        try await withDouble { double, client in
            let workflow = try Recordings.workflow("01_empty_image_save")
            let first = try await run(workflow, on: double)
            let second = try await run(try Recordings.workflow("03_preview_image"), on: double)
            #expect(try await client.get("/history").json?.objectValue?.keys == [first.promptID, second.promptID])
            #expect(try await client.get("/history?max_items=1").json?.objectValue?.keys == [second.promptID])
            #expect(try await client.get("/api/history?max_items=1&offset=0").json?.objectValue?.keys == [first.promptID])
            #expect(try await client.post("/history", json: ["delete": [.string(first.promptID)]]).status == 200)
            #expect(try await client.get("/history/\(first.promptID)").json == [:])
            _ = try await client.post("/history", json: ["clear": true])
            #expect(try await client.get("/history").json == [:])
        }
    }
}
