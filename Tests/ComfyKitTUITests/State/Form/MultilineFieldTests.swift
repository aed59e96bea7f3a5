import ComfyKit
import Testing
@testable import ComfyKitTUI

/// ^O on a text field: the multi-line editor over the form, its keys, its drawing, and the one-line preview after.
@Suite struct MultilineFieldTests {
    typealias F = ServerInputFixtures

    private func promptEditor(_ field: String = "prompt", width: Int = 60, height: Int = 16) throws -> AppState {
        var state = try Fixtures.loadedState(width: width, height: height)
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus(field, in: &state)
        #expect(keyHints(for: state).contains { $0.key == "^O" && $0.action == "edit lines" })
        _ = Fixtures.press(.control("o"), in: &state)
        return state
    }

    @Test func ctrlOOpensTheEditorWithTheFieldsTextAndTheCursorAtItsEnd() throws {
        let state = try promptEditor("negative", width: 40)
        let editor = try #require(state.currentForm?.editor)
        #expect(editor.text == "blurry, low quality")
        #expect(editor.cursor == editor.characters.count)
        #expect(keyHints(for: state).first?.key == "Esc/^O")
        let screen = F.lines(state)
        #expect(screen[1].hasPrefix("┌─ negative"))
        #expect(screen[2].hasPrefix("│ blurry, low quality ") && screen[2].hasSuffix("│"))
        #expect(screen[1].contains("1 line, 19 chars"))
    }

    @Test func enterIsANewLineEscReturnsAndTheFormRowShowsAPreview() throws {
        var state = try promptEditor()
        Fixtures.type("a photo of a red fox in the snow, highly detailed", in: &state)
        #expect(Fixtures.press(.enter, in: &state).isEmpty)
        Fixtures.type("雪の中の狐 🦊", in: &state)
        #expect(state.runs.all.isEmpty)
        #expect(state.currentForm?.editor?.text == "a photo of a red fox in the snow, highly detailed\n雪の中の狐 🦊")
        var screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("highly detailed⏎"))
        #expect(screen.contains("│ 雪の中の狐 🦊"))
        #expect(screen.contains("2 lines"))
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.currentForm?.editor == nil)
        #expect(state.route != .list)
        screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("prompt *"))
        // Back in the form, ⏎ submits the multi-line prompt.
        let effects = Fixtures.press(.enter, in: &state)
        guard case .startRun(_, _, _, let params)? = effects.first else {
            Issue.record("no run started: \(effects)")
            return
        }
        #expect(params["prompt"] == .string("a photo of a red fox in the snow, highly detailed\n雪の中の狐 🦊"))
    }

    @Test func theEditorWrapsWideCharactersAndScrollsToTheCursor() throws {
        var state = try promptEditor(width: 40, height: 12)
        // Clear the field, then type more rows than fit.
        for _ in 0..<60 { _ = Fixtures.press(.backspace, in: &state) }
        Fixtures.type(String(repeating: "日本語", count: 12), in: &state)
        let geometry = TextEditorGeometry(width: 40, height: 12)
        #expect(geometry.textWidth == 35 && geometry.textHeight == 6)
        for _ in 0..<8 { _ = Fixtures.press(.enter, in: &state) }
        Fixtures.type("end", in: &state)
        let editor = try #require(state.currentForm?.editor)
        // 36 CJK characters of 2 columns in 35: 17 a row → 3 rows, then 8 more rows.
        #expect(editor.rows(width: 35).count == 11)
        #expect(editor.top == 5)
        let screen = F.lines(state)
        #expect(screen.contains { $0.contains("↑ 5 more") })
        #expect(screen.contains { $0.hasPrefix("│ end") })
        // ↑ to the top scrolls back.
        for _ in 0..<12 { _ = Fixtures.press(.up, in: &state) }
        #expect(state.currentForm?.editor?.top == 0)
        #expect(F.lines(state)[2].hasPrefix("│ 日本語日本語"))
    }

    @Test func theCursorIsAReversedCellOnTheWideCharacterItIsAt() throws {
        var state = try promptEditor()
        Fixtures.type("狐e\u{301}🦊", in: &state)
        _ = Fixtures.press(.left, .left, .left, in: &state)
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        // Text starts at column 2 of row 2; the cursor is on 狐, which takes columns 2 and 3.
        #expect(screen[2, 2].text == "狐" && screen[2, 2].attributes.contains(.reverse))
        #expect(screen[4, 2].text == "e\u{301}" && !screen[4, 2].attributes.contains(.reverse))
        _ = Fixtures.press(.right, .right, in: &state)
        render(state, into: &screen)
        #expect(screen[5, 2].text == "🦊" && screen[5, 2].attributes.contains(.reverse))
        _ = Fixtures.press(.right, in: &state)
        render(state, into: &screen)
        #expect(screen[7, 2].attributes.contains(.reverse))
    }

    @Test func ctrlOOpensTheEditorOnANumberFieldTooAndTheNumberStaysOneLine() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("steps", in: &state)
        _ = Fixtures.press(.control("o"), in: &state)
        #expect(state.currentForm?.editor != nil)
        _ = Fixtures.press(.end, in: &state)
        for key: Key in [.enter, .character("5")] { _ = Fixtures.press(key, in: &state) }
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.currentForm?.editor == nil)
        let field = try #require(F.field("steps", in: state))
        #expect(!field.text.contains("\n") && field.text.hasSuffix("5"), "\(field.text)")
    }

    @Test func ctrlOOnAFieldWithChoicesOpensThePicker() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur")
        F.focus("method", in: &state)
        #expect(F.field("method", in: state)?.choices != nil)
        _ = Fixtures.press(.control("o"), in: &state)
        #expect(state.currentForm?.picker != nil)
        #expect(state.currentForm?.editor == nil)
    }

    @Test func aCombiningMarkTypedIntoAOneLineFieldKeepsTheCursorInsideTheText() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/text_concat", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("text", in: &state)
        for scalar in ["c", "a", "f", "e", "\u{301}", "!"] { _ = update(&state, .key(.character(Character(scalar)))) }
        let field = try #require(F.field("text", in: state))
        #expect(field.text == "café!")
        #expect(field.cursor == field.text.count)
    }
}
