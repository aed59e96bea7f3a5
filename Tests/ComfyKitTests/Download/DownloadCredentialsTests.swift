import ComfyKit
import ComfyKitTesting
import Foundation
import HTTPTypes
import Testing

/// The API key and cookies reach the configured ComfyUI origin and no other host, and never a message.
@Suite struct DownloadCredentialsTests {
    typealias Server = DownloadTestServer

    let apiKey = Secret("sk-test-123")
    let cookies = Secret(CookiePair.header([CookiePair(name: "session", value: Secret("c00kie"))]))

    func downloader(origin: URL) -> OutputDownloader {
        OutputDownloader(credentialsOrigin: origin, apiKey: apiKey, cookieHeader: cookies)
    }

    @Test func credentialsGoToTheConfiguredOriginOnly() async throws {
        let seen = Server.SeenHeaders()
        try await withLocalHTTPServer(Server.router(seen: seen)) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let port = base.port!
                let sameOrigin = URL(string: "http://127.0.0.1:\(port)/headers")!
                let otherHost = URL(string: "http://localhost:\(port)/headers")!
                _ = try await downloader(origin: base).download(DownloadRequest(url: sameOrigin), to: folder)
                _ = try await downloader(origin: base).download(DownloadRequest(url: otherHost), to: folder)
            }
        }
        let requests = await seen.requests
        #expect(requests.count == 2)
        #expect(requests.first?[.authorization] == "Bearer sk-test-123")
        #expect(requests.first?[.cookie] == "session=c00kie")
        #expect(requests.last?[.authorization] == nil)
        #expect(requests.last?[.cookie] == nil)
        #expect(requests.allSatisfy { $0[.origin] == nil })
    }

    @Test func anotherPortIsAnotherOrigin() async throws {
        let seen = Server.SeenHeaders()
        try await withLocalHTTPServer(Server.router()) { comfyUI in
            try await withLocalHTTPServer(Server.router(seen: seen)) { cdn in
                try await withTemporaryDirectory("comfykit-download") { folder in
                    _ = try await downloader(origin: comfyUI).download([cdn.appendingPathComponent("headers")], to: folder)
                }
            }
        }
        let requests = await seen.requests
        #expect(requests.count == 1)
        #expect(requests.first?[.authorization] == nil)
        #expect(requests.first?[.cookie] == nil)
    }

    @Test func aRedirectToAnotherOriginDropsTheCredentials() async throws {
        let seen = Server.SeenHeaders()
        try await withLocalHTTPServer(Server.router()) { comfyUI in
            try await withLocalHTTPServer(Server.router(seen: seen)) { cdn in
                try await withTemporaryDirectory("comfykit-download") { folder in
                    let target = cdn.appendingPathComponent("headers").absoluteString
                    let url = URL(string: "\(comfyUI)/redirect?to=\(ViewURL.encode(target))")!
                    let file = try await downloader(origin: comfyUI).download(DownloadRequest(url: url, suggestedName: "r.txt"), to: folder)
                    #expect(try String(contentsOf: file.fileURL, encoding: .utf8) == "headers-body")
                }
            }
        }
        let requests = await seen.requests
        #expect(requests.count == 1)
        #expect(requests.first?[.authorization] == nil)
        #expect(requests.first?[.cookie] == nil)
    }

    @Test func secretsAppearInNoErrorOrDescription() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let downloader = downloader(origin: base)
                // Described while a download with credentials is in flight on the same HTTP client.
                let (started, signal) = AsyncStream.makeStream(of: Void.self)
                let inFlight = Task {
                    try await downloader.download(DownloadRequest(url: base.appendingPathComponent("slow")), to: folder) { _ in signal.yield() }
                }
                for await _ in started { break }
                var texts = [String(describing: downloader), String(reflecting: downloader)]
                var dumped = ""
                dump(downloader, to: &dumped)
                texts.append(dumped)
                inFlight.cancel()
                let url = URL(string: "http://user:pa55@127.0.0.1:\(base.port!)/missing?token=t0ken")!
                do {
                    _ = try await downloader.download(DownloadRequest(url: url), to: folder)
                    Issue.record("the download succeeded")
                } catch {
                    texts += [String(describing: error), String(reflecting: error)]
                }
                for text in texts {
                    for secret in ["sk-test-123", "c00kie", "pa55", "t0ken"] {
                        #expect(!text.contains(secret), "\(secret) leaked")
                    }
                }
                #expect(texts[0].contains("credentialsOrigin: http://127.0.0.1:\(base.port!)"))
            }
        }
    }
}
