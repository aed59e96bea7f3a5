import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Testing

/// `~` media params: local files, URLs and server filenames; and where credentials go.
@Suite struct ExecutorMediaTests {
    let media = Fixtures.workflowsDir.appendingPathComponent("media")

    func submittedPrompt(_ double: RunningDouble) async throws -> JSONValue {
        let body = try #require(await double.recordedRequests().last { $0.route == "/prompt" && $0.method == "POST" }?.body)
        return try JSONValue(parsing: body)
    }

    @Test func aLocalFileIsUploadedUnderItsOwnName() async throws {
        try await DoubleHarness.with { double, kit in
            let path = media.appendingPathComponent("comfykit_tone.wav").path
            let result = await kit.execute(.file(path: Fixtures.workflowPath("08_audio_load_save")), params: ["audio": .string(path)])
            #expect(result.status == .completed)
            let upload = try #require(await double.uploads().first)
            #expect(upload.sentFilename == "comfykit_tone.wav")
            #expect(upload.contentType == "audio/x-wav")
            #expect(upload.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(try await submittedPrompt(double)["prompt"]?["1"]?["inputs"]?["audio"] == .string(upload.storedName))
        }
    }

    @Test func aRenamedUploadIsWhatTheNodeGets() async throws {
        try await DoubleHarness.with { double, kit in
            // Same name, different bytes: the server stores it as "comfykit_test (1).png".
            let result = try await withTemporaryDirectory("ck") { dir in
                let other = dir.appendingPathComponent("comfykit_test.png")
                var bytes = try Data(contentsOf: media.appendingPathComponent("comfykit_test.png"))
                bytes.append(0)
                try bytes.write(to: other)
                return await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string(other.path)])
            }
            #expect(result.status == .completed, "\(result.msg ?? "")")
            #expect(try await submittedPrompt(double)["prompt"]?["1"]?["inputs"]?["image"] == "comfykit_test (1).png")
        }
    }

    @Test func aServerFilenameIsPassedThroughWithoutUpload() async throws {
        try await DoubleHarness.with { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": "comfykit_test.png"])
            #expect(result.status == .completed)
            #expect(await double.uploads().isEmpty)
            let prompt = try await submittedPrompt(double)
            #expect(prompt["prompt"]?["1"]?["inputs"]?["image"] == "comfykit_test.png")
        }
    }

    @Test func aURLIsDownloadedWithoutCredentialsAndUploadedUnderItsBasename() async throws {
        actor Seen { var headers: [HTTPFields] = []; func add(_ h: HTTPFields) { headers.append(h) } }
        let seen = Seen()
        let png = try Data(contentsOf: media.appendingPathComponent("comfykit_test.png"))
        let router = Router()
        router.get("media/cat%20photo.png") { request, _ -> ByteBuffer in
            await seen.add(request.headers)
            return ByteBuffer(bytes: png)
        }
        router.get("media/{name}") { request, _ -> ByteBuffer in
            await seen.add(request.headers)
            return ByteBuffer(bytes: png)
        }
        try await withLocalHTTPServer(router) { mediaBase in
            try await DoubleHarness.with(overrides: .init(comfyUIAPIKey: Secret("sk-test-key"), cookies: .pairs([CookiePair(name: "session", value: Secret("s3cret"))]))) { double, kit in
                let url = mediaBase.absoluteString + "/media/cat%20photo.png?size=large"
                let result = await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string(url)])
                #expect(result.status == .completed, "\(result.msg ?? "")")
                let upload = try #require(await double.uploads().first)
                #expect(upload.sentFilename == "cat photo.png")
                #expect(upload.bytes == Array(png))
            }
        }
        let headers = await seen.headers
        #expect(headers.count == 1)
        #expect(headers.allSatisfy { $0[.authorization] == nil && $0[.cookie] == nil })
    }

    @Test func aMissingURLIsAnUploadErrorNamingTheParam() async throws {
        try await withLocalHTTPServer(Router()) { mediaBase in
            try await DoubleHarness.with { double, kit in
                let outcome = await kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string(mediaBase.absoluteString + "/nope.png")]).outcome
                #expect(outcome.result.status == .error)
                // The cause first, then what it happened to.
                #expect(outcome.result.msg == "param `image`: HTTP 404 downloading \(mediaBase.absoluteString)/nope.png; nothing was uploaded", "\(outcome.result.msg ?? "")")
                #expect(await double.recordedRequests().filter { $0.route == "/prompt" }.isEmpty)
            }
        }
    }

    @Test func aFailedUploadIsAnErrorAndNothingIsSubmitted() async throws {
        try await DoubleHarness.with({ $0.uploadFault = UploadFault(status: 500) }) { double, kit in
            let outcome = await kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02")).outcome
            #expect(outcome.result.status == .error)
            #expect(outcome.result.msg?.contains("POST /upload/image failed: HTTP 500") == true)
            #expect(await double.recordedRequests().filter { $0.route == "/prompt" }.isEmpty)
        }
    }

    /// Two cookies: aiohttp (ComfyUI) reads only the first `Cookie` line, so they must travel as one line, the socket too.
    @Test func credentialsGoToTheComfyUIOriginOnEveryRequestAndTheSocket() async throws {
        let cookies = CookieSource.pairs([CookiePair(name: "session", value: Secret("s3cret")), CookiePair(name: "theme", value: Secret("dark"))])
        try await DoubleHarness.with(overrides: .init(comfyUIAPIKey: Secret("sk-test-key"), cookies: cookies)) { double, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
            #expect(result.status == .completed)
            let requests = await double.recordedRequests()
            #expect(Set(requests.map(\.route)).isSuperset(of: ["/prompt", "/upload/image", "/history/\(result.promptID!)", "/ws"]))
            for request in requests {
                #expect(request.header("Authorization") == "Bearer sk-test-key", "\(request.route)")
                #expect(request.header("Cookie") == "session=s3cret; theme=dark", "\(request.route)")
                #expect(request.headers.count { $0.name.lowercased() == "cookie" } == 1, "\(request.route)")
            }
            let prompt = try await submittedPrompt(double)
            #expect(prompt["extra_data"]?["api_key_comfy_org"] == "sk-test-key")
            #expect(prompt["client_id"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func withoutAKeyNoExtraDataIsSent() async throws {
        try await DoubleHarness.with { double, kit in
            _ = await kit.execute(.file(path: Fixtures.workflowPath("03_preview_image")))
            let prompt = try await submittedPrompt(double)
            #expect(prompt["extra_data"] == nil)
            #expect(await double.recordedRequests().allSatisfy { $0.header("Authorization") == nil })
        }
    }
}

/// Outputs downloaded from the double: bytes as served, never overwritten.
@Suite struct ExecutorDownloadTests {
    @Test func outputsDownloadWithTheServedBytesAndNeverOverwrite() async throws {
        try await DoubleHarness.with({ $0.producedFileSize = 3 << 20 }) { _, kit in
            let result = await kit.execute(.file(path: Fixtures.workflowPath("04_multi_output")), params: DoubleHarness.params(for: "04"))
            #expect(result.images.count == 7)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ck-out-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = try await kit.download(result, to: folder)
            let second = try await kit.download(result, to: folder)
            #expect(first.count == 7 && second.count == 7)
            #expect(Set(first.map(\.fileURL.path)).isDisjoint(with: second.map(\.fileURL.path)))
            #expect(first.allSatisfy { $0.byteCount == 3 << 20 })
            let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(listing.count == 14)
            #expect(!listing.contains { $0.hasPrefix(".") })
            // The bytes on disk are the bytes /view serves.
            let viewURL = try #require(URL(string: result.images[0]))
            let (served, _) = try await URLSession.shared.data(from: viewURL)
            #expect(try Data(contentsOf: first[0].fileURL) == served)
        }
    }

    @Test func hugePreviewFramesArriveWhole() async throws {
        try await DoubleHarness.with({ $0.previews = PreviewSettings(enabled: true, imageSize: 2 << 20) }) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("10_progress_websocket_images"))))
            #expect(outcome.result.status == .completed)
            let previews = events.compactMap { if case .preview(let p) = $0 { p } else { nil } }
            #expect(previews.count == 6)
            #expect(previews.allSatisfy { $0.bytes.count >= 2 << 20 })
        }
    }
}
