import ComfyKit
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 15, part 2: editor-format files are listed, converted once a catalog is known, marked, and run like
/// API files.
@Suite struct EditorFilesTests {
    static let catalog: WidgetCatalog = {
        let file = SharedFixtures.editorFormatDirectory.appendingPathComponent("object_info.json")
        guard let data = try? Data(contentsOf: file), case .object(let document)? = try? JSONValue(parsing: Array(data)) else {
            return WidgetCatalog(classes: [:])
        }
        return WidgetCatalog(document)
    }()

    private func editorFolderState() throws -> (AppState, URL, [Effect]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("editor-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SharedFixtures.editorFormatDirectory.appendingPathComponent("default.json"),
                                         to: root.appendingPathComponent("default.json"))
        var state = AppState(folder: root.path, serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .resize(width: 100, height: 20))
        let effects = update(&state, .folderLoaded(try WorkflowFolder(path: root.path).scan()))
        return (state, root, effects)
    }

    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    @Test func anEditorFileWaitsForTheCatalogAndIsAskedForOne() throws {
        let (state, root, effects) = try editorFolderState()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(effects == [.loadCatalog])
        #expect(lines(state).contains { $0.contains("default") && $0.contains("✎ editor file: waiting for the server") })
    }

    @Test func onceTheCatalogArrivesTheEditorFileIsMarkedAndRunsLikeTheOthers() throws {
        var (state, root, _) = try editorFolderState()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = update(&state, .catalogLoaded(Self.catalog))
        let row = try #require(lines(state).first { $0.contains("› default") })
        #expect(row.contains("✎ ") && !row.contains("✗"), "\(row)")
        guard case .ready(let read)? = state.list.selectedEntry?.content else {
            Issue.record("not converted: \(String(describing: state.list.selectedEntry?.content))")
            return
        }
        #expect(read.isEditor)
        _ = Fixtures.press(.enter, in: &state)
        let effects = Fixtures.press(.enter, in: &state)
        #expect(effects.contains { if case .startRun(_, _, let workflow, _) = $0 { workflow == read.loaded } else { false } })
    }

    @Test func aFileReadAfterTheCatalogIsConvertedAtOnce() throws {
        var (state, root, _) = try editorFolderState()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = update(&state, .catalogLoaded(Self.catalog))
        #expect(update(&state, .folderLoaded(try WorkflowFolder(path: root.path).scan())).isEmpty)
        #expect(state.list.entries.first?.spec != nil)
    }
}
