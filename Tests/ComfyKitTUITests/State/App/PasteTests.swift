import ComfyKit
@testable import ComfyKitTUI
import Testing

/// ``Message/paste(_:)``: the text goes where the keyboard is, at the cursor, and never submits.
@Suite struct PasteTests {
    typealias F = ServerInputFixtures

    private func txt2img(focus field: String) throws -> AppState {
        var state = try Fixtures.loadedState(width: 60, height: 16)
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus(field, in: &state)
        return state
    }

    @Test func aOneLinePasteGoesIntoTheFocusedFieldAtItsCursor() throws {
        var state = try txt2img(focus: "negative")
        #expect(F.field("negative", in: state)?.text == "blurry, low quality")
        for _ in 0..<11 { _ = Fixtures.press(.left, in: &state) }
        #expect(update(&state, .paste("very ")).isEmpty)
        let field = try #require(F.field("negative", in: state))
        #expect(field.text == "blurry, very low quality")
        #expect(field.cursor == "blurry, very ".count)
        #expect(state.currentForm?.editor == nil)
    }

    @Test func aPasteWithNewlinesIntoAOneLineTextFieldOpensTheEditorAndNeverSubmits() throws {
        var state = try txt2img(focus: "negative")
        _ = Fixtures.press(.home, in: &state)
        let effects = update(&state, .paste("a fox,\r\n雪の中の狐 🦊\r"))
        #expect(effects.isEmpty)
        #expect(state.runs.all.isEmpty)
        let editor = try #require(state.currentForm?.editor)
        #expect(editor.text == "a fox,\n雪の中の狐 🦊\nblurry, low quality")
        #expect(editor.cursor == Array("a fox,\n雪の中の狐 🦊\n").count)
        #expect(F.lines(state).joined(separator: "\n").contains("3 lines"))
        // Esc puts the text in the field, as after ^O.
        _ = Fixtures.press(.escape, in: &state)
        #expect(F.field("negative", in: state)?.text == "a fox,\n雪の中の狐 🦊\nblurry, low quality")
    }

    @Test func aPasteIntoTheOpenEditorGoesInAtItsCursor() throws {
        var state = try txt2img(focus: "prompt")
        _ = Fixtures.press(.control("o"), in: &state)
        let before = try #require(state.currentForm?.editor?.text)
        _ = update(&state, .paste("\nline two\nline three"))
        #expect(state.currentForm?.editor?.text == before + "\nline two\nline three")
        #expect(state.runs.all.isEmpty)
    }

    @Test func newlinesArePutOutOfNumberFieldsAndTheFilter() throws {
        var state = try txt2img(focus: "steps")
        for _ in 0..<10 { _ = Fixtures.press(.backspace, in: &state) }
        #expect(update(&state, .paste("3\r\n5\n")).isEmpty)
        #expect(F.field("steps", in: state)?.text == "35")
        #expect(F.field("steps", in: state)?.error == nil)
        #expect(state.currentForm?.editor == nil)

        var list = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &list)
        _ = update(&list, .paste("txt2\nimg"))
        #expect(list.list.filter == "txt2img")
        #expect(list.list.visibleEntries.map(\.displayName).contains("sd15/txt2img"))
    }

    @Test func aPasteOnTheListOrUnderTheHelpDoesNothing() throws {
        var state = try Fixtures.loadedState()
        let before = state
        #expect(update(&state, .paste("q\r")).isEmpty)
        #expect(state == before)
        _ = Fixtures.press(.character("?"), in: &state)
        let help = state
        _ = update(&state, .paste("x"))
        #expect(state == help)
    }
}
