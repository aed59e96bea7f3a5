import ComfyKit
import ComfyKitTesting
import Foundation
import PropertyBased
import Testing

/// Whatever name or output name a server gives, downloads land directly inside their folder: no `../`,
/// absolute path, backslash, NUL, overlong or look-alike name, and no symlink planted in the folder, gets a
/// byte written outside it. (Name sanitising itself: `SafeFilenameTests`; ordinary downloads: `OutputDownloaderTests`.)
@Suite struct DownloadContainmentTests {
    typealias Server = DownloadTestServer

    /// Names a hostile or broken server could put in `/view?filename=…` or a history entry.
    static let hostileNames: [String] = [
        "../../../../tmp/evil.png", "/etc/passwd", "/", "//server/share/x.png", "..\\..\\evil.png", "C:\\Windows\\evil.dll",
        "a/../../b.png", "./../x.png", " ../x.png", "\t../x.png", "....//....//x.png", "..././x.png",
        ".", "..", "...", "", " ", "./.", "~", "~/evil.png", ".bashrc", ".part-1",
        "x\u{0}.png", "\u{0}", "\u{0}../x.png", "a\nb.png", "\r\n", "\u{7F}",
        String(repeating: "a", count: 10_000), String(repeating: "../", count: 200) + "x.png", String(repeating: "猫", count: 300),
        "\u{FF0E}\u{FF0E}\u{FF0F}x.png",  // fullwidth "../"
        "\u{2024}\u{2024}\u{2215}x.png",  // one-dot leaders and division slash
        "\u{202E}gnp.exe", "e\u{301}.png", "\u{200B}.png", "\u{FEFF}..", "%2e%2e%2fx.png", "..%2F..%2Fx.png",
    ]

    @Test func everyHostileNameEndsAsOneVisibleFileInsideTheFolder() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("out")
                let requests = Self.hostileNames.map {
                    DownloadRequest(url: URL(string: ViewURL.make(base: base, filename: $0, subfolder: "../..", type: "output"))!)
                }
                let files = try await OutputDownloader().download(requests, to: folder)
                #expect(files.count == Self.hostileNames.count)
                for (file, name) in zip(files, Self.hostileNames) {
                    let saved = file.fileURL.lastPathComponent
                    #expect(Self.isInside(file.fileURL, folder), "\(name.debugDescription) saved at \(file.fileURL.path)")
                    #expect(!saved.hasPrefix(".") && !saved.contains("/") && !saved.contains("\u{0}"), "\(name.debugDescription) → \(saved.debugDescription)")
                    #expect(!saved.isEmpty && saved.utf8.count <= SafeFilename.maxBytes)
                    #expect(try Server.bytes(file.fileURL) == Array("view-body".utf8))
                }
                #expect(Set(Server.entries(folder)) == Set(files.map(\.fileURL.lastPathComponent)))
                #expect(Server.entries(root) == ["out"])
            }
        }
    }

    @Test func hostileOutputNamesMakeSubfoldersInsideTheFolderOnly() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("out")
                let outputNames = ["../..", "/abs", "..", ".", "", "a/b", "..\\up", "\u{0}", String(repeating: "o", count: 400)]
                var images = OutputsByName()
                for (index, name) in outputNames.enumerated() { images[name] = ["\(base)/view?filename=f\(index).png"] }
                let result = ExecuteResult(status: .completed, imagesByVar: images)
                let files = try await OutputDownloader().download(result, to: folder, layout: .subfolderPerOutput)
                #expect(files.count == outputNames.count)
                for file in files {
                    #expect(Self.isInside(file.fileURL, folder), "\(file.request.outputName ?? "-") saved at \(file.fileURL.path)")
                    #expect(file.fileURL.deletingLastPathComponent().deletingLastPathComponent().resolvingSymlinksInPath().path == folder.resolvingSymlinksInPath().path)
                }
                #expect(Server.entries(root) == ["out"])
            }
        }
    }

    @Test func aSymlinkedFileInTheFolderIsNeverWrittenThrough() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("out"), outside = root.appendingPathComponent("outside")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
                try Data("precious".utf8).write(to: outside.appendingPathComponent("cat.png"))
                // One link to an existing file, one dangling link whose target a write would create.
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("cat.png"), withDestinationURL: outside.appendingPathComponent("cat.png"))
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("dog.png"), withDestinationURL: outside.appendingPathComponent("dog.png"))
                let requests = ["cat.png", "dog.png"].map { DownloadRequest(url: URL(string: "\(base)/view?filename=\($0)")!) }
                let files = try await OutputDownloader().download(requests, to: folder)
                #expect(files.map(\.fileURL.lastPathComponent) == ["cat (1).png", "dog (1).png"])
                #expect(try String(contentsOf: outside.appendingPathComponent("cat.png"), encoding: .utf8) == "precious")
                #expect(Server.entries(outside) == ["cat.png"])
                for file in files {
                    let attributes = try FileManager.default.attributesOfItem(atPath: file.fileURL.path)
                    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
                }
            }
        }
    }

    @Test func aSymlinkedOutputSubfolderIsRefusedBeforeAnyTransfer() async throws {
        try await withLocalHTTPServer(Server.router()) { base in
            try await withTemporaryDirectory("comfykit-download") { root in
                let folder = root.appendingPathComponent("out"), outside = root.appendingPathComponent("outside")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("portrait"), withDestinationURL: outside)
                let result = ExecuteResult(status: .completed, imagesByVar: ["portrait": ["\(base)/view?filename=a.png"]])
                await #expect {
                    _ = try await OutputDownloader().download(result, to: folder, layout: .subfolderPerOutput)
                } throws: { error in
                    guard case .folderUnusable(let path, let reason)? = error as? DownloadError else { return false }
                    return path.hasSuffix("/out/portrait") && reason.contains("symbolic link")
                }
                #expect(Server.entries(outside).isEmpty)
            }
        }
    }

    @Test func anyNameSanitisesToOneVisibleEntry() async {
        let scalar = Gen<Character?>.element(of: Array("./\\\u{0}\n ~:abc猫\u{202E}\u{301}\u{FF0F}\u{2215}%$")).map { $0! }
        await propertyCheck(count: 3000, input: scalar.string(of: 0...300)) { name in
            let safe = SafeFilename.sanitize(name)
            #expect(!safe.isEmpty && safe != "." && safe != "..")
            #expect(!safe.hasPrefix(".") && !safe.contains("/") && !safe.contains("\\") && !safe.contains("\u{0}"))
            #expect(safe.utf8.count <= SafeFilename.maxBytes)
            #expect(!safe.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }

    /// True when `file` sits directly in `folder`, after resolving every symlink on the way.
    static func isInside(_ file: URL, _ folder: URL) -> Bool {
        let parent = file.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path
        let real = folder.resolvingSymlinksInPath().standardizedFileURL.path
        return parent == real || parent.hasPrefix(real + "/")
    }
}
