import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 3 (and issue 15, part 3): broken rows lead with the reason, the path is on the details line,
/// Enter on a broken row and the runs screen show a message whole.
@Suite struct WholeMessagesTests {
    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    private func brokenFolder() throws -> (AppState, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("whole-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("{\"1\": {\"inputs\": {}, 'class_type': \"X\"}}".utf8).write(to: root.appendingPathComponent("bad.json"))
        var state = AppState(folder: root.path, serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .folderLoaded(try WorkflowFolder(path: root.path).scan()))
        // Wide enough for the path whole, however long the temporary folder's path is.
        _ = update(&state, .resize(width: max(90, root.path.count + 40), height: 20))
        return (state, root)
    }

    @Test func aBrokenRowLeadsWithTheReasonAndThePathIsOnTheDetailsLine() throws {
        let (state, root) = try brokenFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = lines(state)
        let row = try #require(text.first { $0.contains("› bad") })
        #expect(row.contains("✗ invalid JSON"), "\(row)")
        #expect(!row.contains(root.path))
        #expect(text[state.height - 2].contains(root.appendingPathComponent("bad.json").path))
    }

    @Test func enterOnABrokenRowShowsTheWholeReasonWithLineAndColumn() throws {
        var (state, root) = try brokenFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = Fixtures.press(.enter, in: &state)
        let text = lines(state).joined(separator: "\n")
        #expect(text.contains("(line 1,") && text.contains("column 22)"), "\(text)")
        #expect(text.contains("/bad.json"))
        #expect(keyHints(for: state).first?.action == "close")
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.details == nil)
    }

    @Test func theRunsScreenShowsALongFailureWhole() throws {
        var state = try Fixtures.loadedState(width: 80, height: 30)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        let message = "param `image`: HTTP 404 downloading http://127.0.0.1:8188/view?filename=missing_file_name.png&type=input; nothing was uploaded"
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: .failure(message)))))
        _ = Fixtures.press(.character("o"), in: &state)
        let text = lines(state).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("HTTP 404"), "\(text)")
    }
}
