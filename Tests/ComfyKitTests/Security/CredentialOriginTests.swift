import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

/// The API key and cookies go to the configured ComfyUI origin and nowhere else: not to a host the origin
/// redirects to (whatever the status and method), not to output URLs on another host or port, not to the
/// host that serves the cookies. Media URLs on another port: `ExecutorMediaTests`.
@Suite struct CredentialOriginTests {
    /// What one server received: method, path, headers and body of each request.
    actor Received {
        struct Request: Sendable {
            let method: String
            let path: String
            let headers: HTTPFields
            let body: [UInt8]
            var text: String { "\(method) \(path) \(headers) " + String(decoding: body, as: UTF8.self) }
        }
        private(set) var requests: [Request] = []
        func add(_ request: Request) { requests.append(request) }
    }

    /// The ComfyUI routes a client uses; the origin redirects each, the other host records each.
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "prompt"), (.post, "upload/image"), (.get, "object_info"), (.get, "queue"), (.post, "queue"),
        (.post, "interrupt"), (.get, "history/:id"), (.get, "view"),
    ]

    /// A server that records every request and answers 200 with a small JSON body; a prompt gets 503, so
    /// a run whose prompt was wrongly re-sent here still ends (and the leak shows in what was recorded).
    static func recorder(_ received: Received) -> Router<BasicRequestContext> {
        let router = Router()
        for (method, path) in routes {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 64 << 20)
                await received.add(.init(method: "\(request.method)", path: request.uri.description, headers: request.headers, body: Array(buffer: body)))
                let json = ByteBuffer(string: #"{"prompt_id": "p1", "number": 1, "name": "x.png"}"#)
                return Response(status: path == "prompt" ? .serviceUnavailable : .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: json))
            }
        }
        return router
    }

    /// An origin whose every route answers `status` with `Location` on `target`, same path and query.
    static func redirecting(to target: URL, status: Int) -> Router<BasicRequestContext> {
        let router = Router()
        for (method, path) in routes {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                Response(status: .init(code: status), headers: [.location: target.absoluteString + request.uri.description])
            }
        }
        return router
    }

    /// A server with one route that records each request and answers `body`.
    static func serving(_ path: String, _ body: some DataProtocol & Sendable, to received: Received) -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(path)) { request, _ -> ByteBuffer in
            await received.add(.init(method: "GET", path: request.uri.description, headers: request.headers, body: []))
            return ByteBuffer(bytes: body)
        }
        return router
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectFromTheOriginToAnotherHostCarriesNoSecret(status: Int) async throws {
        let received = Received()
        let media = Fixtures.workflowsDir.appendingPathComponent("media/comfykit_test.png").path
        try await withLocalHTTPServer(Self.recorder(received)) { other in
            try await withLocalHTTPServer(Self.redirecting(to: other, status: status)) { origin in
                var overrides = SecretFixtures.overrides
                overrides.comfyUIBaseURL = origin
                overrides.executor = .http
                let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(overrides, environment: [:]))
                _ = try? await kit.client.objectInfo()
                _ = try? await kit.client.queue()
                _ = try? await kit.client.history(promptID: "p1")
                try? await kit.client.interrupt(promptID: "p1")
                let results = [
                    await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")),
                    await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string(media)]),
                ]
                // Neither the prompt (it holds the key) nor the upload is re-sent elsewhere, so both runs fail.
                #expect(results.allSatisfy { $0.status == .error }, "\(results.map(\.msg))")
                for result in results {
                    #expect(SecretFixtures.leaked(in: result.jsonString()).isEmpty)
                }
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ck-sec-\(UUID())")
                defer { try? FileManager.default.removeItem(at: folder) }
                _ = try? await kit.download([URL(string: "\(origin)/view?filename=a.png&type=output")!], to: folder)
                await kit.close()
            }
        }
        let requests = await received.requests
        // Redirects were followed to the other host (so this checks something), yet it saw no secret.
        #expect(requests.contains { $0.path.hasPrefix("/object_info") })
        #expect(requests.contains { $0.path.hasPrefix("/view") })
        for request in requests {
            #expect(request.headers[.authorization] == nil && request.headers[.cookie] == nil, "\(request.method) \(request.path)")
            #expect(SecretFixtures.leaked(in: request.text).isEmpty, "\(request.text)")
        }
    }

    @Test func outputsOnAnotherHostOrPortAreDownloadedWithoutCredentials() async throws {
        let received = Received()
        try await withLocalHTTPServer(Self.recorder(received)) { cdn in
            try await DoubleHarness.with(overrides: SecretFixtures.overrides) { double, kit in
                let result = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
                #expect(result.status == .completed)
                var foreign = result
                let elsewhere = ["http://127.0.0.1:\(cdn.port!)/view?filename=cdn.png", "http://localhost:\(cdn.port!)/view?filename=host.png"]
                foreign.imagesByVar["cdn"] = elsewhere
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ck-sec-\(UUID())")
                defer { try? FileManager.default.removeItem(at: folder) }
                await double.clearRecordings()
                let files = try await kit.download(foreign, to: folder)
                #expect(files.count == result.images.count + 2)
                let views = await double.recordedRequests().filter { $0.route == "/view" }
                #expect(!views.isEmpty && views.allSatisfy { $0.header("Authorization") == "Bearer \(SecretFixtures.apiKey)" })
            }
        }
        let requests = await received.requests
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.headers[.authorization] == nil && request.headers[.cookie] == nil, "\(request.path)")
        }
    }

    @Test func cookiesFromAURLAreFetchedBareAndSentToTheOriginOnly() async throws {
        let cookieHost = Received(), mediaHost = Received()
        let png = try Data(contentsOf: Fixtures.workflowsDir.appendingPathComponent("media/comfykit_test.png"))
        try await withLocalHTTPServer(Self.serving("cookies", Data("session=\(SecretFixtures.urlCookie); theme=dark".utf8), to: cookieHost)) { cookieBase in
            try await withLocalHTTPServer(Self.serving("m/photo.png", png, to: mediaHost)) { mediaBase in
                var overrides = SecretFixtures.overrides
                overrides.cookies = .url(cookieBase.appendingPathComponent("cookies"))
                try await DoubleHarness.with(overrides: overrides) { double, kit in
                    let result = await kit.execute(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: ["image": .string("\(mediaBase)/m/photo.png")])
                    #expect(result.status == .completed, "\(result.msg ?? "")")
                    let requests = await double.recordedRequests()
                    #expect(!requests.isEmpty)
                    for request in requests {
                        // The socket upgrade carries the pairs as separate Cookie fields; together they are the same.
                        let cookie = request.headers.filter { $0.name.lowercased() == "cookie" }.map(\.value).joined(separator: "; ")
                        #expect(cookie == "session=\(SecretFixtures.urlCookie); theme=dark", "\(request.route)")
                    }
                }
            }
        }
        #expect(await cookieHost.requests.count == 1)
        #expect(await mediaHost.requests.count == 1)
        for request in await cookieHost.requests + mediaHost.requests {
            #expect(request.headers[.authorization] == nil && request.headers[.cookie] == nil, "\(request.path)")
        }
    }

    @Test func aBaseURLWithAPasswordIsRefusedWithoutEchoingIt() throws {
        for text in ["http://user:\(SecretFixtures.urlPassword)@127.0.0.1:8188", "user:\(SecretFixtures.urlPassword)@127.0.0.1:8188",
                     "http://user:\(SecretFixtures.urlPassword)@127.0.0.1:8188/x?y=1", "ftp://user:\(SecretFixtures.urlPassword)@host"] {
            #expect {
                _ = try ComfyKitConfiguration.resolve(environment: ["COMFYUI_BASE_URL": text])
            } throws: { error in
                let message = "\(error)"
                return message.hasPrefix("COMFYUI_BASE_URL=") && SecretFixtures.leaked(in: message).isEmpty
            }
        }
    }
}
