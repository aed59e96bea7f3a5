import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 1: a run's text and number outputs are shown, copied with `y` and saved with `d` as `.txt`.
@Suite struct TextOutputTests {
    private func finishedTextRun() throws -> AppState {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/text_concat", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        Fixtures.type("hi", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let result = ExecuteResult(status: .completed, textsByVar: ["text": ["hi, world"], "number": ["42"]])
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: result))))
        return state
    }

    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    @Test func theRunPanelShowsTextOutputsByName() throws {
        let state = try finishedTextRun()
        let text = lines(state)
        #expect(text.contains { $0.contains("text: hi, world") })
        #expect(text.contains { $0.contains("number: 42") })
    }

    @Test func theRunsScreenListsTextsAndYCopiesTheHighlightedOne() throws {
        var state = try finishedTextRun()
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        let text = lines(state)
        #expect(text.contains { $0.hasPrefix("─ outputs (2)") })
        #expect(!text.contains { $0.contains("produced no") })
        #expect(text.contains { $0.contains("› “hi, world”") })
        #expect(Fixtures.press(.character("y"), in: &state) == [.copyToClipboard("hi, world")])
        #expect(text.last?.contains("y copy text") == true)
    }

    @Test func dSavesTextsAsTxtAndTheSaveIsShownUnderTheText() throws {
        var state = try finishedTextRun()
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        let key = RunOutput.text(name: "text", value: "hi, world", index: 0).key
        #expect(Fixtures.press(.character("d"), in: &state) == [.saveText(runID: 1, key: key, name: "text", text: "hi, world")])
        _ = update(&state, .fileSaved(runID: 1, url: key, path: "/tmp/out/text.txt"))
        #expect(lines(state).contains { $0.contains("✓ saved /tmp/out/text.txt") })
        let all = Fixtures.press(.character("D"), in: &state)
        #expect(all.count == 1, "the text already saved is not saved again with the number")
    }

    @Test func aTextIsSavedUnderItsOutputNameWithoutOverwriting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-text-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try TextOutputSaver.save("hi, world", name: "text", in: folder)
        let second = try TextOutputSaver.save("again", name: "text", in: folder)
        #expect(first.hasSuffix("/text.txt") && second.hasSuffix("/text-2.txt"))
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "hi, world")
        #expect(try String(contentsOfFile: second, encoding: .utf8) == "again")
    }
}
