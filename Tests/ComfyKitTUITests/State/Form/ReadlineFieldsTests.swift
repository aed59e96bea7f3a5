import ComfyKit
import ComfyKitHistory
import Testing
@testable import ComfyKitTUI

/// Issue 12, part 6: the readline keys reach every text field — the form's fields, the list's and history's `/`
/// filters, the picker's filter and the multi-line editor — and `?` lists them.
@Suite struct ReadlineFieldsTests {
    typealias F = ServerInputFixtures

    private func txt2img(focus field: String) throws -> AppState {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus(field, in: &state)
        return state
    }

    @Test func aFormFieldTakesCtrlACtrlKAndCtrlWAndIsCheckedAgainAfter() throws {
        var state = try txt2img(focus: "steps")
        _ = Fixtures.press(.control("e"), in: &state)
        Fixtures.type("x", in: &state)
        #expect(F.field("steps", in: state)?.error != nil)
        _ = Fixtures.press(.control("a"), .control("k"), in: &state)
        #expect(F.field("steps", in: state)?.text == "")
        #expect(F.field("steps", in: state)?.error == nil)
        Fixtures.type("30", in: &state)
        _ = Fixtures.press(.control("a"), in: &state)
        Fixtures.type("1", in: &state)
        #expect(F.field("steps", in: state)?.text == "130")
        #expect(state.currentForm?.editor == nil, "^E is end-of-line in a field, it opens no editor")
        F.focus("prompt", in: &state)
        _ = Fixtures.press(.control("e"), .control("w"), in: &state)
        let prompt = try #require(F.field("prompt", in: state))
        #expect(prompt.text.hasSuffix(" ") || prompt.text.isEmpty, "\(prompt.text)")
        #expect(prompt.cursor == prompt.text.count)
    }

    @Test func altBAndCtrlUInAFormFieldCutTheWordsBeforeTheCursor() throws {
        var state = try txt2img(focus: "negative")
        #expect(F.field("negative", in: state)?.text == "blurry, low quality")
        _ = Fixtures.press(.alt("b"), .control("u"), in: &state)
        #expect(F.field("negative", in: state)?.text == "quality")
        _ = Fixtures.press(.alt("f"), in: &state)
        Fixtures.type(", dark", in: &state)
        #expect(F.field("negative", in: state)?.text == "quality, dark")
    }

    @Test func theListFilterIsEditedWithTheCursorAndDrawnWithIt() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("img", in: &state)
        _ = Fixtures.press(.control("a"), in: &state)
        Fixtures.type("txt2", in: &state)
        #expect(state.list.filter == "txt2img")
        #expect(state.list.visibleEntries.contains { $0.displayName == "sd15/txt2img" })
        _ = Fixtures.press(.alt("b"), in: &state)
        #expect(F.lines(state).contains { $0.contains("/▏txt2img") })
        _ = Fixtures.press(.control("k"), in: &state)
        #expect(state.list.filter.isEmpty && state.list.isFiltering)
        Fixtures.type("solid col", in: &state)
        _ = Fixtures.press(.control("w"), in: &state)
        #expect(state.list.filter == "solid ")
    }

    @Test func theHistoryFilterAsksTheStoreAgainOnlyWhenItsTextChanges() throws {
        var state = try HistoryScreenTests.historyState([])
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("fox", in: &state)
        #expect(Fixtures.press(.control("a"), in: &state).isEmpty)
        #expect(state.history.filterLine.cursor == 0)
        #expect(Fixtures.press(.control("k"), in: &state) == [.loadHistory(RunFilter(text: nil, limit: HistoryComponent.limit))])
        #expect(state.history.filter.isEmpty && state.history.isFiltering)
    }

    @Test func thePickersFilterTakesTheReadlineKeysAndNarrowsAgain() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur")
        F.focus("method", in: &state)
        _ = Fixtures.press(.character(" "), in: &state)
        Fixtures.type("lanc", in: &state)
        #expect(state.currentForm?.picker?.visible == ["lanczos"])
        _ = Fixtures.press(.control("w"), in: &state)
        #expect(state.currentForm?.picker?.filter == "")
        #expect(state.currentForm?.picker?.visible.count == 5)
        Fixtures.type("bic", in: &state)
        _ = Fixtures.press(.control("a"), in: &state)
        Fixtures.type("x", in: &state)
        #expect(state.currentForm?.picker?.filter == "xbic")
        #expect(F.lines(state).contains { $0.contains("/x▏bic") })
    }

    @Test func theMultiLineEditorTakesTheReadlineKeysOnItsRowsAndLines() {
        let geometry = TextEditorGeometry(width: 40, height: 12)
        var editor = TextEditor(field: 0, text: "a red fox\nin the snow", cursor: 14)
        _ = editor.update(.control("a"), in: geometry)
        #expect(editor.cursor == 10)
        _ = editor.update(.control("e"), in: geometry)
        #expect(editor.cursor == 21)
        _ = editor.update(.control("w"), in: geometry)
        #expect(editor.text == "a red fox\nin the ")
        _ = editor.update(.control("u"), in: geometry)
        #expect(editor.text == "a red fox\n")
        _ = editor.update(.alt("b"), in: geometry)
        #expect(editor.cursor == 6)
        _ = editor.update(.control("k"), in: geometry)
        #expect(editor.text == "a red \n")
        // ^K at a line's end joins the next line, as in Emacs.
        _ = editor.update(.control("k"), in: geometry)
        #expect(editor.text == "a red ")
        #expect(editor.update(.control("o"), in: geometry) == .done("a red "))
    }

    @Test func theHelpAndTheHintsNameTheReadlineKeysAndCtrlOForTheEditor() throws {
        var state = try Fixtures.loadedState(width: 110, height: 40)
        _ = Fixtures.press(.character("?"), in: &state)
        let help = F.lines(state).joined(separator: "\n")
        #expect(help.contains("←/→ ^A ^E Alt-B/F") && help.contains("^U ^K ^W"))
        #expect(help.contains("^O  Tab"))
        var form = try txt2img(focus: "prompt")
        #expect(keyHints(for: form).contains { $0.key == "^O" && $0.action == "edit lines" })
        _ = Fixtures.press(.control("o"), in: &form)
        #expect(keyHints(for: form).contains { $0.key == "^A/^E" })
    }
}
