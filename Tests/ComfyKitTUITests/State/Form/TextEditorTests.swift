import Testing
@testable import ComfyKitTUI

/// The multi-line editor's pure state: graphemes, display widths, wrapping, vertical moves and scrolling.
@Suite struct TextEditorTests {
    private func rowTexts(_ editor: TextEditor, width: Int) -> [String] {
        editor.rows(width: width).map { String(editor.characters[$0.start..<$0.end]) }
    }

    @Test func rowsWrapByDisplayColumnsAndBreakAtNewlines() {
        let editor = TextEditor(field: 0, text: "abcdefgh\nxy")
        #expect(rowTexts(editor, width: 3) == ["abc", "def", "gh", "xy"])
        #expect(editor.rows(width: 3).map(\.endsWithNewline) == [false, false, true, false])
    }

    @Test func wordsWrapWholeAfterTheLastSpaceAndLongWordsAreCut() {
        let editor = TextEditor(field: 0, text: "a red fox in the snow")
        #expect(rowTexts(editor, width: 10) == ["a red fox ", "in the ", "snow"])
        let long = TextEditor(field: 0, text: "go supercalifragilistic")
        #expect(rowTexts(long, width: 8) == ["go ", "supercal", "ifragili", "stic"])
        // A space that does not fit hangs at the end of its row rather than starting one.
        #expect(rowTexts(TextEditor(field: 0, text: "abcd efgh"), width: 4) == ["abcd ", "efgh"])
    }

    @Test func aWideCharacterThatDoesNotFitStartsTheNextRow() {
        let editor = TextEditor(field: 0, text: "a日本語")
        // "a日" is 3 columns; "本" would make 5 > 4.
        #expect(rowTexts(editor, width: 4) == ["a日", "本語"])
        let emoji = TextEditor(field: 0, text: "ok👍🏽🎉")
        #expect(rowTexts(emoji, width: 4) == ["ok👍🏽", "🎉"])
    }

    @Test func theCursorMovesByGraphemeAndItsColumnCountsWideCells() {
        var editor = TextEditor(field: 0, text: "日本e\u{301}x")
        #expect(editor.characters.count == 4)  // é with its combining accent is one character
        #expect(editor.cursorPosition(width: 20) == (0, 6))
        editor.moveLeft()
        editor.moveLeft()
        #expect(editor.cursorPosition(width: 20) == (0, 4))
        editor.moveLeft()
        #expect(editor.cursorPosition(width: 20) == (0, 2))
    }

    @Test func typingACombiningMarkOrAJoinerMergesIntoThePreviousCharacter() {
        var editor = TextEditor(field: 0, text: "")
        for scalar in ["e", "\u{301}", "👩", "\u{200D}", "💻"] { editor.insert(Character(scalar)) }
        #expect(editor.text == "e\u{301}👩\u{200D}💻")
        #expect(editor.characters.count == 2)
        #expect(editor.cursor == 2)
        editor.deleteBackward()
        #expect(editor.text == "e\u{301}")
    }

    @Test func enterInsertsANewLineAndBackspaceJoinsLines() {
        var editor = TextEditor(field: 0, text: "ab")
        editor.moveLeft()
        editor.insertNewline()
        #expect(editor.text == "a\nb")
        #expect(editor.cursorPosition(width: 10) == (1, 0))
        editor.deleteBackward()
        #expect(editor.text == "ab")
    }

    @Test func atAWrapPointTheCursorIsOnTheNextRow() {
        var editor = TextEditor(field: 0, text: "abcdef")
        for _ in 0..<3 { editor.moveLeft() }
        #expect(editor.cursorPosition(width: 3) == (1, 0))
    }

    @Test func upAndDownKeepTheColumnAcrossShortRowsAndWideCharacters() {
        var editor = TextEditor(field: 0, text: "abcdef\nx\n日本語です")
        // From the end of "日本語です" (column 10) up to "x" (ends at 1), then up to "abcdef" at column 10 → its end.
        editor.moveVertically(by: -1, width: 20)
        #expect(editor.cursorPosition(width: 20) == (1, 1))
        editor.moveVertically(by: -1, width: 20)
        #expect(editor.cursorPosition(width: 20) == (0, 6))
        // Column 3 into the CJK row lands before the character that would cross it.
        var cjk = TextEditor(field: 0, text: "abcdef\n日本語です")
        cjk.moveVertically(by: -1, width: 20)
        for _ in 0..<3 { cjk.moveLeft() }
        #expect(cjk.cursorPosition(width: 20) == (0, 3))
        cjk.moveVertically(by: 1, width: 20)
        #expect(cjk.cursorPosition(width: 20) == (1, 2))
        // Past the last row goes to the end, past the first to the start.
        cjk.moveVertically(by: 1, width: 20)
        #expect(cjk.cursor == cjk.characters.count)
        cjk.moveVertically(by: -5, width: 20)
        cjk.moveVertically(by: -1, width: 20)
        #expect(cjk.cursor == 0)
    }

    @Test func homeAndEndGoToTheEdgesOfTheVisualRow() {
        var editor = TextEditor(field: 0, text: "abcdefg")
        editor.moveLeft()
        editor.moveToRowEdge(end: false, width: 3)
        #expect(editor.cursorPosition(width: 3) == (2, 0))
        editor.moveVertically(by: -1, width: 3)
        editor.moveToRowEdge(end: true, width: 3)
        #expect(editor.cursorPosition(width: 3) == (1, 2))
    }

    @Test func scrollingFollowsTheCursorBothWays() {
        var editor = TextEditor(field: 0, text: (1...20).map(String.init).joined(separator: "\n"))
        editor.scrollToCursor(width: 10, height: 5)
        #expect(editor.top == 15)
        for _ in 0..<7 { editor.moveVertically(by: -1, width: 10) }
        editor.scrollToCursor(width: 10, height: 5)
        #expect(editor.top == 12)
        editor.moveVertically(by: 1, width: 10)
        editor.scrollToCursor(width: 10, height: 5)
        #expect(editor.top == 12)
    }
}
