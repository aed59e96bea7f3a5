import CellWidth
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 7: the terminal's answers to the emoji probes, and what curses is left to draw.
@Suite struct ClusterProbeTests {
    @Test func cursorReportsAreReadInOrderAmidOtherBytes() {
        let answer = Array("x\u{1B}[12;5R\u{1B}[O\u{1B}[12;3Rjunk".utf8)
        #expect(ClusterProbe.reports(in: answer) == [5, 3])
        #expect(ClusterProbe.reports(in: Array("\u{1B}[12;".utf8)).isEmpty, "half an answer is no answer")
    }

    @Test func sequencesCursesCannotDrawAsOneCellAreWrittenPastIt() {
        #expect(NCursesTerminal.needsOverlay("👍🏽"))
        #expect(NCursesTerminal.needsOverlay("👨‍👩‍👧‍👦"))
        #expect(NCursesTerminal.needsOverlay("☺️"))
        #expect(!NCursesTerminal.needsOverlay("é"), "a letter with a combining mark is one curses cell")
        #expect(!NCursesTerminal.needsOverlay("漢"))
        #expect(!NCursesTerminal.needsOverlay("A"))
    }
}
