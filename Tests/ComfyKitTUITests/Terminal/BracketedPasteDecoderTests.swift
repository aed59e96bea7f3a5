@testable import ComfyKitTUI
import Testing

/// What curses reads, turned into keys and whole pastes by ``BracketedPasteDecoder``.
@Suite struct BracketedPasteDecoderTests {
    private func reads(_ text: String) -> [BracketedPasteDecoder.Read] {
        text.unicodeScalars.map { .character($0.value) }
    }

    private func feed(_ text: String, into decoder: inout BracketedPasteDecoder) -> [TerminalInput] {
        reads(text).flatMap { decoder.feed($0) }
    }

    @Test func aBracketedPasteIsOneInputWithItsNewlinesAsText() {
        var decoder = BracketedPasteDecoder()
        let inputs = feed("a\u{1B}[200~line one\rline 二 🦊\r\u{1B}[201~b", into: &decoder) + decoder.flush()
        #expect(inputs == [.key(.character("a")), .paste("line one\rline 二 🦊\r"), .key(.character("b"))])
        #expect(!decoder.isInPaste)
    }

    @Test func keysOutsideAPastePassThroughAndALoneEscapeComesOutWhenTheInputGoesQuiet() {
        var decoder = BracketedPasteDecoder()
        #expect(feed("q\r\t", into: &decoder) == [.key(.character("q")), .key(.enter), .key(.tab)])
        #expect(feed("\u{1B}", into: &decoder).isEmpty)
        #expect(decoder.flush() == [.key(.escape)])
        // Esc then other keys: the begun marker was keys after all.
        #expect(feed("\u{1B}[x", into: &decoder) == [.key(.escape), .key(.character("[")), .key(.character("x"))])
        #expect(feed("\u{1B}\u{1B}", into: &decoder) == [.key(.escape)])
        #expect(decoder.flush() == [.key(.escape)])
    }

    @Test func aPasteSpreadOverSeveralReadsWaitsForItsEndMarker() {
        var decoder = BracketedPasteDecoder()
        #expect(feed("\u{1B}[200~first half, ", into: &decoder).isEmpty)
        #expect(decoder.flush().isEmpty)
        #expect(decoder.isInPaste)
        #expect(feed("second half\u{1B}[20", into: &decoder).isEmpty)
        #expect(decoder.flush().isEmpty)
        #expect(feed("1~", into: &decoder) == [.paste("first half, second half")])
    }

    @Test func anEscapeInsideAPasteThatIsNotTheEndMarkerStaysInTheText() {
        var decoder = BracketedPasteDecoder()
        let inputs = feed("\u{1B}[200~a\u{1B}[31mred\u{1B}\u{1B}[201~", into: &decoder)
        #expect(inputs == [.paste("a\u{1B}[31mred\u{1B}")])
    }

    @Test func keysCursesDecodedAreDroppedInsideAPasteAndPassedOutsideOne() {
        var decoder = BracketedPasteDecoder()
        #expect(decoder.feed(.decoded(.key(.up))) == [.key(.up)])
        #expect(feed("\u{1B}", into: &decoder).isEmpty)
        #expect(decoder.feed(.decoded(.resize)) == [.key(.escape), .resize])
        _ = feed("\u{1B}[200~x", into: &decoder)
        #expect(decoder.feed(.decoded(.key(.down))).isEmpty)
        #expect(feed("\u{1B}[201~", into: &decoder) == [.paste("x")])
    }

    @Test func aPasteWithoutItsEndMarkerIsCutAtTheLimit() {
        var decoder = BracketedPasteDecoder()
        _ = feed("\u{1B}[200~", into: &decoder)
        var outputs: [TerminalInput] = []
        for _ in 0..<BracketedPasteDecoder.limit { outputs += decoder.feed(.character(120)) }
        #expect(outputs == [.paste(String(repeating: "x", count: BracketedPasteDecoder.limit))])
        #expect(!decoder.isInPaste)
        #expect(feed("y", into: &decoder) == [.key(.character("y"))])
    }
}
