import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// A form runs the workflow it read, says so when the file changed since, and reads it again on ^L;
/// file-system answers come from the injected environment.
@Suite struct ReadWorkflowTests {
    static let readStamp = FileStamp(modified: 1_000, size: 300)

    /// The file system as a test says it is: `stamp` for every file, and the listed media files.
    static func environment(stamp: FileStamp?, files: Set<String> = []) -> TUIEnvironment {
        TUIEnvironment(fileExists: { files.contains($0) }, fileStamp: { _ in stamp })
    }

    /// The examples with `solid_color` read at ``readStamp``, its form open.
    private func openForm(_ env: TUIEnvironment) throws -> (AppState, ReadWorkflow) {
        var state = AppState(folder: Fixtures.examplesFolder, serverURL: "http://127.0.0.1:8188")
        var entries = try Fixtures.examples()
        let index = try #require(entries.firstIndex { $0.displayName == "no-model/solid_color" })
        guard case .ready(let read) = entries[index].content else { throw ReadFailure() }
        let stamped = ReadWorkflow(loaded: read.loaded, spec: read.spec, stamp: Self.readStamp)
        entries[index].content = .ready(stamped)
        _ = state.update(.folderLoaded(entries), env)
        _ = state.update(.resize(width: 100, height: 30), env)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = state.update(.key(.enter), env)
        return (state, stamped)
    }

    private struct ReadFailure: Error {}

    @Test func aRunStartsFromTheWorkflowTheFormReadNotFromItsPath() throws {
        let env = Self.environment(stamp: Self.readStamp)
        var (state, read) = try openForm(env)
        let effects = state.update(.key(.enter), env)
        guard case .startRun(_, _, let workflow, _)? = effects.first else {
            Issue.record("expected a run, got \(effects)")
            return
        }
        #expect(workflow == read.loaded)
    }

    @Test func aFileChangedSinceTheFormOpenedIsNamedAndASecondEnterRunsTheVersionShown() throws {
        let env = Self.environment(stamp: FileStamp(modified: 2_000, size: 301))
        var (state, read) = try openForm(env)
        #expect(state.update(.key(.enter), env).isEmpty)
        #expect(state.status == "no-model/solid_color changed on disk since this form opened: ^L reloads it, ⏎ runs the version shown")
        #expect(state.runs.all.isEmpty)
        #expect(ServerInputFixtures.lines(state).last?.contains("^L reload") == true)
        let effects = state.update(.key(.enter), env)
        guard case .startRun(_, _, let workflow, _)? = effects.first else {
            Issue.record("expected a run of the version shown, got \(effects)")
            return
        }
        #expect(workflow == read.loaded)
    }

    @Test func aRemovedFileCountsAsChanged() throws {
        let env = Self.environment(stamp: nil)
        var (state, _) = try openForm(env)
        #expect(state.update(.key(.enter), env).isEmpty)
        #expect(state.status.contains("changed on disk"))
    }

    @Test func controlLReadsTheFileAgainAndTheFormKeepsItsTextsByName() throws {
        let env = Self.environment(stamp: FileStamp(modified: 2_000, size: 301))
        var (state, read) = try openForm(env)
        let path = try #require(state.currentForm?.workflowPath)
        _ = state.update(.key(.backspace), env)
        _ = state.update(.key(.character("7")), env)
        let width = try #require(state.currentForm?.fields.first { $0.name == "width" }?.text)
        #expect(state.update(.key(.control("l")), env) == [.reloadWorkflow(path: path)])
        // The runtime's answer: the file as it is now.
        let newStamp = FileStamp(modified: 2_000, size: 301)
        let reread = WorkflowEntry(path: path, group: "no-model", name: "solid_color",
                                   content: .ready(ReadWorkflow(loaded: read.loaded, spec: read.spec, stamp: newStamp)))
        _ = state.update(.workflowReloaded(reread), env)
        #expect(state.currentForm?.workflow.stamp == newStamp)
        #expect(state.currentForm?.fields.first { $0.name == "width" }?.text == width)
        #expect(state.status == "reloaded no-model/solid_color: 3 field(s)")
        // The file now matches what the form read: Enter runs at once.
        #expect(state.update(.key(.enter), env).contains { if case .startRun = $0 { true } else { false } })
    }

    @Test func aReloadThatFindsTheFileBrokenKeepsTheFormAndSaysWhy() throws {
        let env = Self.environment(stamp: Self.readStamp)
        var (state, read) = try openForm(env)
        let path = try #require(state.currentForm?.workflowPath)
        _ = state.update(.workflowReloaded(WorkflowEntry(path: path, group: "no-model", name: "solid_color",
                                                                        content: .broken(reason: "invalid JSON at line 3"))), env)
        #expect(state.currentForm?.workflow == read)
        #expect(state.status == "no-model/solid_color cannot be reloaded: invalid JSON at line 3")
    }

    @Test func aMediaFieldAsksTheEnvironmentNotTheDiskWhetherItsFileExists() throws {
        let present = "/nowhere-\(UUID().uuidString)/cat.png"
        let env = Self.environment(stamp: nil, files: [present])
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = state.update(.key(.enter), env)
        ServerInputFixtures.focus("image", in: &state)
        _ = state.update(.paste(present), env)
        #expect(ServerInputFixtures.field("image", in: state)?.media == .localFile)
        #expect(ServerInputFixtures.field("image", in: state)?.error == nil)
        _ = state.update(.key(.character("x")), env)
        #expect(ServerInputFixtures.field("image", in: state)?.media == .missingFile)
        #expect(ServerInputFixtures.field("image", in: state)?.error == "no such file: \(present)x")
    }

    @Test func aRunningHubStubIsReadAsAStubWithItsIdAndListedWithWhatHappensToIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stub-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(#"{"_source": "runninghub", "workflow_id": "1987"}"#.utf8).write(to: root.appendingPathComponent("cloud.json"))
        let folder = WorkflowFolder(path: root.path)
        let entries = try folder.list().map(folder.read)
        guard case .runningHubStub(let id, let stamp)? = entries.first?.content else {
            Issue.record("expected a stub, got \(entries)")
            return
        }
        #expect(id.description == "1987")
        #expect(stamp == FileStamp.read(root.appendingPathComponent("cloud.json").path))
        var state = AppState(folder: root.path, serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .resize(width: 100, height: 30))
        _ = update(&state, .folderLoaded(entries))
        #expect(ServerInputFixtures.lines(state).contains { $0.contains("✗ RunningHub workflow 1987: its params are read from RunningHub") })
    }
}
