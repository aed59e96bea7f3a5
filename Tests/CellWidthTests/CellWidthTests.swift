import CellWidth
import Glibc
import Testing

/// The one width table the CLI and the TUI measure with, against glibc's `wcwidth` and on grapheme clusters.
@Suite struct CellWidthTests {
    /// Where Unicode 15's data and glibc 2.36's table differ on purpose: regional indicators are emoji
    /// (a flag is two of them in one wide cell); U+3248–324F are ambiguous-width; the Yijing hexagrams are
    /// neutral until Unicode 16.
    static let knownDifferences: [ClosedRange<UInt32>] = [0x1F1E6...0x1F1FF, 0x3248...0x324F, 0x4DC0...0x4DFF]

    /// glibc's `wcwidth(3)`, which Swift's Glibc module does not export (wchar.h hides it behind _XOPEN_SOURCE).
    static let wcwidth: (@convention(c) (wchar_t) -> Int32)? = dlsym(dlopen(nil, RTLD_NOW), "wcwidth").map {
        unsafeBitCast($0, to: (@convention(c) (wchar_t) -> Int32).self)
    }

    @Test func everyPrintableScalarGlibcMeasuresHasTheSameWidthOutsideTheKnownDifferences() throws {
        let wcwidth = try #require(Self.wcwidth)
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var checked = 0
        var disagreements: [String] = []
        for value in UInt32(0x20)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            let glibc = Int(wcwidth(wchar_t(value)))
            guard glibc >= 0, !Self.knownDifferences.contains(where: { $0.contains(value) }),
                  let scalar = Unicode.Scalar(value) else { continue }
            checked += 1
            if CellWidth.of(scalar: scalar) != glibc, disagreements.count < 20 {
                disagreements.append("U+\(String(value, radix: 16, uppercase: true)): ours \(CellWidth.of(scalar: scalar)), glibc \(glibc)")
            }
        }
        #expect(checked > 100_000)
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test func asciiLatinAndCombiningMarksTakeOneAndZeroColumns() {
        #expect(CellWidth.of("Sampler, $seed") == 14)
        #expect(CellWidth.of("e\u{301}") == 1)
        #expect(CellWidth.of(scalar: "\u{301}") == 0)
        #expect(CellWidth.of(scalar: "\u{200B}") == 0)
        #expect(CellWidth.of(scalar: "\u{AD}") == 1)
        #expect(CellWidth.of(scalar: "\u{7}") == 0)
    }

    @Test func cjkFullwidthAndHangulTakeTwoColumns() {
        #expect(CellWidth.of("漢字") == 4)
        #expect(CellWidth.of("ｆｕｌｌ") == 8)
        #expect(CellWidth.of("한국어") == 6)
        #expect(CellWidth.of(scalar: "\u{2A6DF}") == 2, "plane 2 is wide")
    }

    @Test func emojiClustersAreOneWideCell() {
        let skinTone = "👍🏽", family = "👨‍👩‍👧‍👦", flag = "🇯🇵", keycap = "1️⃣", smiley = "☺️"
        for cluster in [skinTone, family, flag, keycap, smiley] {
            #expect(cluster.count == 1, "\(cluster) is one grapheme cluster")
            #expect(CellWidth.of(cluster) == 2, "\(cluster)")
        }
        #expect(CellWidth.of("A👍🏽B") == 4)
        #expect(CellWidth.of("☺") == 1, "without its selector, a text-style symbol")
    }

    @Test func theTableNamesItsUnicodeVersion() {
        #expect(CellWidth.unicodeVersion.hasPrefix("15."))
    }

    /// Issue 11, item 7: terminals disagree on emoji sequences; the widths follow what the terminal answered.
    @Test func sequencesTheTerminalDrawsApartAreAsWideAsTheirParts() {
        let tmux = ClusterWidths(modifierProbeWidth: 4, zwjProbeWidth: 2)
        let xterm = ClusterWidths(modifierProbeWidth: 4, zwjProbeWidth: 6)
        let kitty = ClusterWidths(modifierProbeWidth: 2, zwjProbeWidth: 2)
        let skinTone: Character = "👍🏽", family: Character = "👨‍👩‍👧‍👦", waving: Character = "👋🏿", couple: Character = "👩🏽‍🤝‍👨🏿"
        #expect(kitty == .joined)
        #expect(CellWidth.of(skinTone, clusters: tmux) == 4)
        #expect(CellWidth.of(family, clusters: tmux) == 2)
        #expect(CellWidth.of(skinTone, clusters: xterm) == 4)
        #expect(CellWidth.of(family, clusters: xterm) == 8)
        #expect(CellWidth.of(couple, clusters: xterm) == 10, "three parts (4 + 2 + 4): two carry a modifier")
        #expect(CellWidth.of(waving, clusters: kitty) == 2)
        #expect(CellWidth.of("é", clusters: xterm) == 1, "a combining mark stays with its letter everywhere")
        #expect(CellWidth.of("☺️", clusters: xterm) == 2)
    }

    @Test func aTerminalThatDoesNotAnswerKeepsEverySequenceOneCell() {
        #expect(ClusterWidths(modifierProbeWidth: nil, zwjProbeWidth: nil) == .joined)
    }
}
