import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 4: long names use the width there is, are cut in the middle with "…", and sort naturally.
@Suite struct LongNamesTests {
    static func longNames() -> [WorkflowEntry] {
        (0..<150).map { index in
            let name = "very_long_workflow_name_number_\(index)_with_extra_words"
            return WorkflowEntry(path: "/w/group0/\(name).json", group: "group0", name: name, content: .broken(reason: "x"))
        }
    }

    private func lines(_ entries: [WorkflowEntry], width: Int, selecting index: Int = 0) -> [String] {
        var state = AppState(folder: "/w", serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .folderLoaded(entries))
        _ = update(&state, .resize(width: width, height: 20))
        state.list.selected = index
        var screen = Screen(width: width, height: 20)
        render(state, into: &screen)
        return screen.lines
    }

    @Test func aWideTerminalShowsLongNamesWhole() {
        let text = lines(Self.longNames(), width: 200, selecting: 149)
        #expect(text.contains { $0.contains("› group0/very_long_workflow_name_number_149_with_extra_words ") })
    }

    @Test func aNarrowTerminalCutsNamesInTheMiddleSoTheirEndsStay() {
        let text = lines(Self.longNames(), width: 80, selecting: 149)
        let row = try? #require(text.first { $0.contains("› ") })
        #expect(row?.contains("…") == true)
        #expect(row?.contains("_149_with_extra_words") == true)
    }

    @Test func middleTruncationKeepsBothEndsAndTheWidth() {
        #expect(middleTruncated("abcdefghij", to: 10) == "abcdefghij")
        #expect(middleTruncated("abcdefghijklmnop", to: 7) == "ab…mnop")
        #expect(middleTruncated("漢字漢字漢字", to: 7).hasSuffix("字") && middleTruncated("漢字漢字漢字", to: 7).contains("…"))
    }

    @Test func numbersInFileNamesSortAsNumbers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("names-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["run_149_x", "run_9_x", "run_10_x"] {
            try Data("{}".utf8).write(to: root.appendingPathComponent(name + ".json"))
        }
        #expect(try WorkflowFolder(path: root.path).list().map(\.name) == ["run_9_x", "run_10_x", "run_149_x"])
    }
}
