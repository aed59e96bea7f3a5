import ComfyKit
import Foundation
@testable import ComfyKitTUI
import Synchronization
import Testing

/// The folder scan in steps: names at once, each file's content as it is read, then the whole scan.
@Suite struct FolderScanTests {
    @Test func theListingNamesEveryFileInScanOrderBeforeAnyIsRead() throws {
        let folder = WorkflowFolder(path: Fixtures.examplesFolder)
        let listed = try folder.list()
        let scanned = try folder.scan()
        #expect(listed.map(\.path) == scanned.map(\.path))
        #expect(listed.map(\.displayName) == scanned.map(\.displayName))
        #expect(listed.allSatisfy { $0.content == .loading })
    }

    @Test func readingOnSeveralTasksGivesTheSameEntriesAsTheSequentialScanInBatches() async throws {
        let folder = WorkflowFolder(path: Fixtures.examplesFolder)
        let listed = try folder.list()
        let batches = BatchLog()
        let read = await folder.read(listed, width: 2, batchSize: 3) { batches.add($0) }
        #expect(read == (try folder.scan()))
        let reported = batches.all
        #expect(reported.allSatisfy { $0.count <= 3 })
        #expect(Set(reported.flatMap { $0 }.map(\.path)) == Set(listed.map(\.path)))
        #expect(reported.flatMap { $0 }.allSatisfy { $0.content != .loading })
    }

    @Test func aBrokenFileIsReadAsBrokenWithItsReason() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("scan-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{ not json".utf8).write(to: root.appendingPathComponent("bad.json"))
        let folder = WorkflowFolder(path: root.path)
        let read = await folder.read(try folder.list()) { _ in }
        #expect(read.map(\.name) == ["bad"])
        guard case .broken(let reason)? = read.first?.content else {
            Issue.record("not broken: \(read)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(read == (try folder.scan()))
    }

    @Test func listedEntriesShowAsReadingAndFillInAsTheyAreRead() throws {
        let scanned = try Fixtures.examples()
        let listed = try WorkflowFolder(path: Fixtures.examplesFolder).list()
        var state = AppState(folder: Fixtures.examplesFolder, serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .resize(width: 100, height: 30))
        _ = update(&state, .folderListed(listed))
        #expect(state.list.isLoading)
        #expect(state.status == "\(listed.count) workflow(s), reading…")
        var screen = ServerInputFixtures.lines(state).joined(separator: "\n")
        #expect(screen.contains("reading…"))
        #expect(screen.contains(listed[0].displayName))
        // Enter on an entry still being read says so, and opens it as soon as it has been read.
        #expect(Fixtures.press(.enter, in: &state).isEmpty)
        #expect(state.route == .list)
        #expect(state.status == "reading \(listed[0].displayName)…")

        _ = update(&state, .entriesRead(Array(scanned.prefix(3))))
        #expect(state.route == .form(workflowPath: listed[0].path))
        #expect(state.list.entries.prefix(3).map(\.content) == scanned.prefix(3).map(\.content))
        #expect(state.list.entries.dropFirst(3).allSatisfy { $0.content == .loading })
        _ = update(&state, .folderLoaded(scanned))
        #expect(!state.list.isLoading)
        #expect(state.list.entries == scanned)
        screen = ServerInputFixtures.lines(state).joined(separator: "\n")
        #expect(!screen.contains("reading…"))
        #expect(state.status.hasPrefix("\(scanned.count) workflow(s)"))
    }

    @Test func enterOnAnEntryStillBeingReadIsForgottenWhenTheUserMovesOn() throws {
        let scanned = try Fixtures.examples()
        let listed = try WorkflowFolder(path: Fixtures.examplesFolder).list()
        var state = AppState(folder: Fixtures.examplesFolder, serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .resize(width: 100, height: 30))
        _ = update(&state, .folderListed(listed))
        _ = Fixtures.press(.enter, in: &state)
        _ = Fixtures.press(.down, in: &state)
        _ = update(&state, .folderLoaded(scanned))
        #expect(state.route == .list)
        #expect(state.list.pendingOpen == nil)
    }

    @Test func aRescansListingKeepsWhatWasReadAndTheHighlight() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        let before = state.list.entries
        var listed = try WorkflowFolder(path: Fixtures.examplesFolder).list()
        listed.insert(WorkflowEntry(path: Fixtures.examplesFolder + "/000_new.json", group: "", name: "000_new", content: .loading), at: 0)
        _ = update(&state, .folderListed(listed))
        #expect(state.list.selectedEntry?.displayName == "sd15/txt2img")
        #expect(state.list.entries.first?.content == .loading)
        let kept = state.list.entries.dropFirst()
        #expect(kept.map(\.content) == before.filter { $0.path != "/tmp/broken.json" }.map(\.content))
        // A read for a file no longer listed is ignored.
        _ = update(&state, .entriesRead([WorkflowEntry(path: "/tmp/broken.json", group: "", name: "broken", content: .broken(reason: "gone"))]))
        #expect(!state.list.entries.contains { $0.path == "/tmp/broken.json" })
    }
}

/// The batches a concurrent read reported, in order.
private final class BatchLog: Sendable {
    private let batches = Mutex<[[WorkflowEntry]]>([])

    func add(_ batch: [WorkflowEntry]) { batches.withLock { $0.append(batch) } }
    var all: [[WorkflowEntry]] { batches.withLock { $0 } }
}
