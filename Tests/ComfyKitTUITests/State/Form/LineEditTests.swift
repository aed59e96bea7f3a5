import Testing
@testable import ComfyKitTUI

/// Issue 12, part 6: the readline keys of every one-line text field, on ``LineEdit`` itself.
@Suite struct LineEditTests {
    private func edit(_ text: String, cursor: Int? = nil, _ keys: Key...) -> LineEdit {
        var line = LineEdit(text, cursor: cursor)
        for key in keys { _ = line.apply(key) }
        return line
    }

    @Test func ctrlAAndCtrlEGoToTheStartAndTheEndAndTypingGoesInThere() {
        #expect(edit("a fox", cursor: 3, .control("a"), .character(">")) == LineEdit(">a fox", cursor: 1))
        #expect(edit("a fox", cursor: 0, .control("e"), .character("!")) == LineEdit("a fox!", cursor: 6))
    }

    @Test func ctrlUCutsToTheStartAndCtrlKToTheEnd() {
        #expect(edit("a red fox", cursor: 6, .control("u")) == LineEdit("fox", cursor: 0))
        #expect(edit("a red fox", cursor: 5, .control("k")) == LineEdit("a red", cursor: 5))
    }

    @Test func ctrlWCutsTheWordBeforeTheCursorWithTheBlanksAfterIt() {
        #expect(edit("a photo of  ", .control("w")) == LineEdit("a photo ", cursor: 8))
        // A path is one word to ^W, as to readline's unix-word-rubout.
        #expect(edit("see ~/in/cat.png", .control("w")) == LineEdit("see ", cursor: 4))
        #expect(edit("fox", cursor: 0, .control("w")) == LineEdit("fox", cursor: 0))
    }

    @Test func altBAndAltFMoveByWordsOfLettersAndDigits() {
        let text = "lora:style_v2, 0.8"
        #expect(edit(text, .alt("b")).cursor == 17)
        #expect(edit(text, .alt("b"), .alt("b")).cursor == 15)
        #expect(edit(text, .alt("b"), .alt("b"), .alt("b")).cursor == 11)
        #expect(edit(text, cursor: 0, .alt("f")).cursor == 4)
        #expect(edit(text, cursor: 4, .alt("f")).cursor == 10)
        #expect(edit(text, cursor: 0, .alt("f"), .alt("f"), .alt("f"), .alt("f"), .alt("f")).cursor == text.count)
    }

    @Test func theOutcomeSaysWhetherTheTextChangedOnlyTheCursorMovedOrTheKeyIsNotALineKey() {
        var line = LineEdit("fox")
        #expect(line.apply(.control("a")) == .moved)
        #expect(line.apply(.control("k")) == .edited)
        #expect(line.text.isEmpty)
        #expect(line.apply(.control("k")) == .moved)
        #expect(line.apply(.enter) == .ignored)
        #expect(line.apply(.control("r")) == .ignored)
        #expect(line.apply(.alt("x")) == .ignored)
    }

    @Test func wordsAndCutsCountCharactersNotScalars() {
        // é as e + U+0301, and a flag: each one character.
        let text = "cafe\u{301} 🇯🇵 ok"
        #expect(edit(text, .alt("b"), .alt("b")).cursor == 0)
        #expect(edit(text, .control("w"), .control("w")).text == "cafe\u{301} ")
        #expect(edit(text, cursor: 4, .control("k")).text == "cafe\u{301}")
    }

    @Test func theMarkedTextShowsTheCursorWhereItIs() {
        #expect(LineEdit("txt2", cursor: 1).marked() == "t▏xt2")
        #expect(LineEdit("").marked() == "▏")
    }

    @Test func escThenBOrFInOneReadIsAltAndEscThenAnyOtherKeyStaysEscAndThatKey() {
        var decoder = BracketedPasteDecoder()
        let read = { (text: String, decoder: inout BracketedPasteDecoder) -> [TerminalInput] in
            text.unicodeScalars.flatMap { decoder.feed(.character($0.value)) } + decoder.flush()
        }
        #expect(read("\u{1B}b\u{1B}f", &decoder) == [.key(.alt("b")), .key(.alt("f"))])
        #expect(read("\u{1B}q", &decoder) == [.key(.escape), .key(.character("q"))])
        #expect(read("x\u{1B}", &decoder) == [.key(.character("x")), .key(.escape)])
        #expect(read("\u{1B}\u{1B}b", &decoder) == [.key(.escape), .key(.alt("b"))])
    }
}
