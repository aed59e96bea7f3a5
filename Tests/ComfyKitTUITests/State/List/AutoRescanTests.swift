import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Workflow files added, edited or removed are picked up without `r`: the watcher's events, the settled
/// rescan in `update`, and a scan that keeps the selection and the open form.
@Suite struct AutoRescanTests {
    @Test func aChangeRescansOnceTheBurstSettles() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .clock(10))
        _ = update(&state, .folderChanged)
        _ = update(&state, .folderChanged)
        #expect(update(&state, .clock(10.2)).isEmpty)
        _ = update(&state, .folderChanged)  // still the same burst: the first change set the time
        #expect(update(&state, .clock(10.3)) == [.loadFolder(path: state.folder)])
        #expect(update(&state, .clock(10.4)).isEmpty, "one scan per burst")
        #expect(state.list.isLoading)
    }

    @Test func aRescanWaitsForAScanInFlight() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("r"), in: &state)
        _ = update(&state, .folderChanged)
        #expect(update(&state, .clock(5)).isEmpty)
        _ = update(&state, .folderLoaded(state.list.entries))
        #expect(update(&state, .clock(5.1)) == [.loadFolder(path: state.folder)])
    }

    @Test func theRescannedListKeepsTheHighlightedWorkflowAndSaysWhy() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = update(&state, .folderChanged)
        _ = update(&state, .clock(1))
        var entries = state.list.entries
        entries.insert(WorkflowEntry(path: "/tmp/aaa.json", group: "", name: "aaa", content: .broken(reason: "bad")), at: 0)
        _ = update(&state, .folderLoaded(entries))
        #expect(state.list.selectedEntry?.displayName == "sd15/txt2img")
        #expect(state.status.hasPrefix("folder changed: \(entries.count) workflow(s)"))
    }

    @Test func aRescanLeavesAnOpenFormAsItWas() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        Fixtures.type("7", in: &state)
        state.status = "typing"
        let form = state.currentForm
        _ = update(&state, .folderChanged)
        _ = update(&state, .clock(1))
        _ = update(&state, .folderLoaded(Array(state.list.entries.dropLast())))
        #expect(state.currentForm == form)
        #expect(state.status == "typing")
    }

    @Test func theWatcherSeesWorkflowFilesAndNewSubfoldersButNotHiddenFiles() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ckt-watch-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let watcher = try #require(FolderWatcher(root: root.path))
        #expect(!watcher.poll())

        try Data("x".utf8).write(to: root.appendingPathComponent(".draft.json.swp"))
        try Data("notes".utf8).write(to: root.appendingPathComponent("notes.txt"))
        try await Task.sleep(for: .milliseconds(50))
        #expect(!watcher.poll(), "hidden and non-JSON files are not workflows")

        try Data("{}".utf8).write(to: root.appendingPathComponent("new.json"))
        #expect(try await changed(watcher))

        let group = root.appendingPathComponent("group")
        try FileManager.default.createDirectory(at: group, withIntermediateDirectories: true)
        #expect(try await changed(watcher))
        try Data("{}".utf8).write(to: group.appendingPathComponent("inner.json"))
        #expect(try await changed(watcher), "a subfolder made after start is watched too")

        try FileManager.default.removeItem(at: root.appendingPathComponent("new.json"))
        #expect(try await changed(watcher))
    }

    /// Polls like the UI loop does, for at most 2 s.
    private func changed(_ watcher: FolderWatcher) async throws -> Bool {
        for _ in 0..<40 {
            if watcher.poll() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
