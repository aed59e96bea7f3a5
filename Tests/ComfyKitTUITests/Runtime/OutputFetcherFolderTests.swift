import ComfyKit
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// The pictures' download folder (`comfykit-tui-pictures-PID` in the temporary folder): made only when an output is
/// fetched, and the folders of sessions that were killed (SIGKILL, a crash: nothing of theirs could remove them) are
/// removed by the next start, while a live process's folder is kept.
@Suite struct OutputFetcherFolderTests {
    /// The pid of a process that has exited (`true`, waited for).
    private func goneProcessID() async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func foldersOfGoneProcessesAreRemovedAndLiveOnesKept() async throws {
        try await withTemporaryDirectory("ck-fetcher") { temporary in
            let gone = try await goneProcessID()
            let names = ["comfykit-tui-pictures-\(gone)", "comfykit-tui-pictures-1", "comfykit-tui-pictures-\(getpid())",
                         "comfykit-tui-pictures-notapid", "other-folder"]
            for name in names {
                try FileManager.default.createDirectory(at: temporary.appendingPathComponent(name), withIntermediateDirectories: false)
            }
            let fetcher = OutputFetcher(kit: try ComfyKit(baseURL: URL(string: "http://127.0.0.1:9")!, environment: [:]), temporary: temporary)
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: temporary.path))
            #expect(left == Set(names.dropFirst()), "left: \(left.sorted())")
            #expect(fetcher.folder.lastPathComponent == "comfykit-tui-pictures-\(getpid())")
        }
    }

    @Test func noFolderIsMadeUntilAnOutputIsFetched() async throws {
        try await withTemporaryDirectory("ck-fetcher") { temporary in
            let fetcher = OutputFetcher(kit: try ComfyKit(baseURL: URL(string: "http://127.0.0.1:9")!, environment: [:]), temporary: temporary)
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
            await #expect(throws: (any Error).self) { _ = try await fetcher.fetch("http://127.0.0.1:9/view?filename=a.png&type=output") }
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: fetcher.folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
            #expect(try FileManager.default.contentsOfDirectory(atPath: fetcher.folder.path).isEmpty, "a failed fetch leaves no file")
            let mode = try FileManager.default.attributesOfItem(atPath: fetcher.folder.path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
    }
}
