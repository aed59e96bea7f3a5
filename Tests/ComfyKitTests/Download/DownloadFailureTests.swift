import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Every failure is a `DownloadError` that says why, and leaves no file or part file behind.
@Suite struct DownloadFailureTests {
    typealias Server = DownloadTestServer

    /// The problem of a `.transfer` error, or `nil` for any other outcome.
    func problem(_ body: () async throws(DownloadError) -> Void) async -> DownloadProblem? {
        do {
            try await body()
            Issue.record("the download succeeded")
        } catch {
            if case .transfer(_, _, let problem) = error { return problem }
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test func aBodyCutShortOfItsContentLengthIsAnErrorAndLeavesNothing() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let problem = await problem { () async throws(DownloadError) in
                    _ = try await OutputDownloader().download(DownloadRequest(url: URL(string: "\(base)/truncated")!), to: folder)
                }
                switch problem {
                case .connectionLost(let bytes, _)?: #expect(bytes <= 30_000)
                case .incomplete(let expected, let received)?:
                    #expect(expected == 100_000)
                    #expect(received == 30_000)
                default: Issue.record("unexpected problem \(String(describing: problem))")
                }
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func aChunkedBodyThatBreaksMidStreamIsAnErrorAndLeavesNothing() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let problem = await problem { () async throws(DownloadError) in
                    _ = try await OutputDownloader().download(DownloadRequest(url: URL(string: "\(base)/broken")!), to: folder)
                }
                guard case .connectionLost(let bytes, _)? = problem else {
                    Issue.record("unexpected problem \(String(describing: problem))")
                    return
                }
                #expect(bytes <= 20_000)
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func anHTTPErrorNamesTheStatusAndTheFile() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let url = URL(string: "\(base)/missing?filename=cat.png")!
                await #expect {
                    _ = try await OutputDownloader().download(DownloadRequest(url: url), to: folder)
                } throws: { error in
                    guard case .transfer(let file, let shown, .httpStatus(404, "Not Found"))? = error as? DownloadError else { return false }
                    return file == "cat.png" && shown.hasPrefix("\(base)/missing") && !shown.contains("filename")
                        && "\(error)".contains("HTTP 404 Not Found")
                }
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func oneFailureFailsTheBatchWithoutPartialFiles() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let requests = [
                    DownloadRequest(url: URL(string: "\(base)/slow")!),
                    DownloadRequest(url: URL(string: "\(base)/missing")!),
                ]
                let problem = await problem { () async throws(DownloadError) in
                    _ = try await OutputDownloader().download(requests, to: folder)
                }
                #expect(problem == .httpStatus(code: 404, reason: "Not Found"))
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func cancellingMidwayLeavesNoFiles() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let (started, signal) = AsyncStream.makeStream(of: Void.self)
                let task = Task { () async throws(DownloadError) -> DownloadedFile in
                    try await OutputDownloader().download(DownloadRequest(url: URL(string: "\(base)/slow")!), to: folder) { progress in
                        if progress.receivedBytes > 4096 { signal.yield() }
                    }
                }
                for await _ in started { break }
                #expect(Server.entries(folder).count == 1)  // the part file, while it streams
                task.cancel()
                await #expect(throws: DownloadError.cancelled) { _ = try await task.value }
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func aServerThatFallsSilentFailsAfterTheIdleTimeout() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let downloader = OutputDownloader(timeouts: DownloadTimeouts(idle: .milliseconds(300)))
                let problem = await problem { () async throws(DownloadError) in
                    _ = try await downloader.download(DownloadRequest(url: URL(string: "\(base)/silent")!), to: folder)
                }
                #expect(problem == .stalled(afterBytes: 1000, idle: .milliseconds(300)))
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func aServerThatNeverAnswersFailsAfterTheResponseTimeout() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let downloader = OutputDownloader(timeouts: DownloadTimeouts(response: .milliseconds(300)))
                let problem = await problem { () async throws(DownloadError) in
                    _ = try await downloader.download(DownloadRequest(url: URL(string: "\(base)/late")!), to: folder)
                }
                #expect(problem == .noResponse(within: .milliseconds(300)))
                #expect(Server.entries(folder) == [])
            }
        }
    }

    @Test func aFolderPathThatIsAFileIsAClearError() async throws {
        try await withTemporaryDirectory("comfykit-download") { root in
            let file = root.appendingPathComponent("taken")
            try Data("x".utf8).write(to: file)
            await #expect(throws: DownloadError.folderUnusable(path: file.standardizedFileURL.path, reason: "it exists and is not a folder")) {
                _ = try await OutputDownloader().download([URL(string: "http://127.0.0.1:9/a.png")!], to: file)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "x")
        }
    }

    @Test func onlyHTTPAndHTTPSAreDownloaded() async throws {
        try await withTemporaryDirectory("comfykit-download") { folder in
            let problem = await problem { () async throws(DownloadError) in
                _ = try await OutputDownloader().download([URL(string: "file:///etc/passwd")!], to: folder)
            }
            #expect(problem == .unsupportedScheme("file"))
            #expect(Server.entries(folder) == [])
        }
    }
}
