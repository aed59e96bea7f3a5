import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Downloads from a real HTTP server on 127.0.0.1: bytes, progress, names and collisions.
@Suite struct OutputDownloaderTests {
    typealias Server = DownloadTestServer

    @Test func aMultiMegabyteStreamedBodyArrivesByteForByte() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let size = 5 << 20 + 12_345
                let url = URL(string: "\(base)/file/big.bin?size=\(size)&chunk=100000")!
                let file = try await OutputDownloader().download(DownloadRequest(url: url), to: folder)
                #expect(file.fileURL.lastPathComponent == "big.bin")
                #expect(file.byteCount == Int64(size))
                #expect(try Server.bytes(file.fileURL) == Server.payload(size))
                #expect(Server.entries(folder) == ["big.bin"])
            }
        }
    }

    @Test func progressIsMonotonicAndEndsAtTheTotal() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let size = 2 << 20
                let url = URL(string: "\(base)/file/p.bin?size=\(size)&chunk=32768")!
                let (reports, sink) = AsyncStream.makeStream(of: DownloadProgress.self)
                _ = try await OutputDownloader().download(DownloadRequest(url: url), to: folder) { sink.yield($0) }
                sink.finish()
                let received = await reports.reduce(into: [DownloadProgress]()) { $0.append($1) }
                #expect(received.count > 2)
                #expect(received.first?.receivedBytes == 0)
                #expect(received.allSatisfy { $0.totalBytes == Int64(size) })
                #expect(zip(received, received.dropFirst()).allSatisfy { $0.receivedBytes <= $1.receivedBytes })
                #expect(received.last?.receivedBytes == Int64(size))
                #expect(received.last?.fractionCompleted == 1)
            }
        }
    }

    @Test func existingNamesAreNeverOverwrittenButNumbered() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                try Data("old".utf8).write(to: folder.appendingPathComponent("cat.png"))
                let url = URL(string: "\(base)/file/cat.png?size=10")!
                let files = try await OutputDownloader().download([DownloadRequest(url: url), DownloadRequest(url: url)], to: folder)
                #expect(Set(files.map(\.fileURL.lastPathComponent)) == ["cat (1).png", "cat (2).png"])
                #expect(Server.entries(folder) == ["cat (1).png", "cat (2).png", "cat.png"])
                #expect(try String(contentsOf: folder.appendingPathComponent("cat.png"), encoding: .utf8) == "old")
            }
        }
    }

    @Test func twoConcurrentDownloadsOfOneNameEndAsTwoFiles() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let url = URL(string: "\(base)/file/same.png?size=300000&chunk=1000")!
                let downloader = OutputDownloader()
                async let first = downloader.download(DownloadRequest(url: url), to: folder)
                async let second = downloader.download(DownloadRequest(url: url), to: folder)
                let names = try await [first, second].map(\.fileURL.lastPathComponent)
                #expect(Set(names) == ["same.png", "same (1).png"])
                #expect(Server.entries(folder) == ["same (1).png", "same.png"])
                for name in names {
                    #expect(try Server.bytes(folder.appendingPathComponent(name)) == Server.payload(300_000))
                }
            }
        }
    }

    @Test func hostileNamesStayInsideTheFolderWithSaneNames() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("out")
                let view = URL(string: "\(base)/view?filename=x")!
                let long = String(repeating: "n", count: 400) + ".png"
                var requests = ["../../etc/passwd", "a/b.png", "..", ".", "x\u{0}y.png", long].map {
                    DownloadRequest(url: view, suggestedName: $0)
                }
                requests.append(DownloadRequest(url: URL(string: "\(base)/view?filename=../x.png&type=output")!))
                let files = try await OutputDownloader().download(requests, to: folder)
                let cappedLong = String(repeating: "n", count: 251) + ".png"
                #expect(files.map(\.fileURL.lastPathComponent).sorted() == ["a_b.png", "etc_passwd", "output", "output (1)", "x.png", "xy.png", cappedLong].sorted())
                #expect(Set(Server.entries(folder)) == Set(files.map(\.fileURL.lastPathComponent)))
                #expect(Server.entries(root) == ["out"])
                for file in files {
                    #expect(file.fileURL.deletingLastPathComponent().standardizedFileURL.path == folder.standardizedFileURL.path)
                    #expect(try Server.bytes(file.fileURL) == Array("view-body".utf8))
                }
            }
        }
    }

    @Test func filesComeBackInRequestOrderWhateverFinishesFirst() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let sizes = [900_000, 10, 500_000, 1, 300_000, 20]
                let requests = sizes.enumerated().map { index, size in
                    DownloadRequest(url: URL(string: "\(base)/file/f\(index).bin?size=\(size)&chunk=4096")!)
                }
                let files = try await OutputDownloader(maxConcurrentDownloads: 2).download(requests, to: folder)
                #expect(files.map(\.request) == requests)
                #expect(files.map(\.byteCount) == sizes.map(Int64.init))
            }
        }
    }

    @Test func subfolderPerOutputGroupsFilesByOutputName() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { folder in
                let result = ExecuteResult(
                    status: .completed,
                    imagesByVar: ["portrait": ["\(base)/view?filename=a.png"], "../escape": ["\(base)/view?filename=b.png"]]
                )
                let files = try await OutputDownloader().download(result, to: folder, layout: .subfolderPerOutput)
                #expect(files.map { $0.fileURL.pathComponents.suffix(2).joined(separator: "/") } == ["portrait/a.png", "escape/b.png"])
                #expect(Server.entries(folder) == ["escape", "portrait"])
            }
        }
    }

    @Test func aMissingFolderIsCreated() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("new/nested")
                let files = try await OutputDownloader().download([URL(string: "\(base)/file/a.png?size=5")!], to: folder)
                #expect(Server.entries(folder) == ["a.png"])
                #expect(files.first?.byteCount == 5)
            }
        }
    }
}
