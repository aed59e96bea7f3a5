import Testing
@testable import ComfyKitTUI

@Suite struct ScreenTests {
    @Test func asciiTextIsWrittenAndClippedAtTheRightEdge() {
        var screen = Screen(width: 5, height: 1)
        let used = screen.put("hello world", at: 0, row: 0)
        #expect(used == 5)
        #expect(screen.lines == ["hello"])
    }

    @Test func cjkAndEmojiTakeTwoColumns() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.put("中文", at: 0, row: 0) == 4)
        #expect(screen.put("🦊x", at: 4, row: 0) == 3)
        #expect(screen.lines == ["中文🦊x"])
        #expect(screen[1, 0].isContinuation)
    }

    @Test func combiningMarksTakeNoColumn() {
        var screen = Screen(width: 4, height: 1)
        #expect(screen.put("e\u{301}a", at: 0, row: 0) == 2)
        #expect(screen.lines == ["e\u{301}a"])
    }

    @Test func wideCharacterThatDoesNotFitAtTheEdgeIsNotSplit() {
        var screen = Screen(width: 3, height: 1)
        screen.put("a中文", at: 0, row: 0)
        #expect(screen.lines == ["a中"])
        var narrow = Screen(width: 2, height: 1)
        narrow.put("a中", at: 0, row: 0)
        #expect(narrow.lines == ["a"])
        #expect(!narrow[1, 0].isContinuation)
    }

    @Test func limitClipsInsideTheRow() {
        var screen = Screen(width: 10, height: 1)
        screen.put("abcdef", at: 2, row: 0, limit: 3)
        #expect(screen.lines == ["  abc"])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 4, height: 1)
        screen.put("中中", at: 0, row: 0)
        screen.put("x", at: 1, row: 0)
        #expect(screen.lines == [" x中"])
    }

    @Test func diffReportsOnlyChangedCells() {
        var before = Screen(width: 4, height: 2)
        before.put("abcd", at: 0, row: 0)
        var after = before
        after.put("X", at: 2, row: 1)
        let changes = after.diff(from: before)
        #expect(changes == [CellChange(column: 2, row: 1, cell: Cell("X"))])
        #expect(after.diff(from: after).isEmpty)
    }

    @Test func diffAfterResizeRedrawsEverything() {
        let before = Screen(width: 2, height: 2)
        let after = Screen(width: 3, height: 2)
        #expect(after.diff(from: before).count == 6)
    }
}
