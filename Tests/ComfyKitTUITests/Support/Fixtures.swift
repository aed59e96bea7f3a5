import ComfyKit
import Foundation
@testable import ComfyKitTUI

/// The repository's `examples/workflows`, scanned as the app would.
enum Fixtures {
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/workflows").path

    static func examples() throws -> [WorkflowEntry] {
        try WorkflowFolder(path: examplesFolder).scan()
    }

    /// A state with the examples loaded and a broken file appended.
    static func loadedState(width: Int = 100, height: Int = 30) throws -> AppState {
        var state = AppState(folder: examplesFolder, serverURL: "http://127.0.0.1:8188")
        var entries = try examples()
        entries.append(WorkflowEntry(path: "/tmp/broken.json", group: "", name: "broken",
                                     content: .broken(reason: "invalid JSON at line 1")))
        _ = update(&state, .folderLoaded(entries))
        _ = update(&state, .resize(width: width, height: height))
        return state
    }

    static func select(_ displayName: String, in state: inout AppState) {
        state.list.selected = state.list.visibleEntries.firstIndex { $0.displayName == displayName } ?? -1
    }

    static func press(_ keys: Key..., in state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    static func type(_ text: String, in state: inout AppState) {
        for c in text { _ = update(&state, .key(.character(c))) }
    }
}

/// The app's update against the real file system, as the runtime calls it.
func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    state.update(message, .live)
}
