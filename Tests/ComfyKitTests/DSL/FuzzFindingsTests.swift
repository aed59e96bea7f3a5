import ComfyKit
import Foundation
import Testing

/// Inputs the libFuzzer target (`Tests/Fuzz/run`) stopped on, replayed in the normal suite. Each is also a
/// seed in `Tests/Fuzz/corpus/regression_*`.
@Suite struct FuzzFindingsTests {
    /// `[$$, $` + invalid UTF-8 (U+FFFD) after an Arabic combining mark + ` $`: the DSL reads code points, like the
    /// Python ComfyKit, so `$` followed by a combining mark starts a marker even though the first *Character*
    /// is not `$`. The fuzzer's property had compared Characters; the library was right and is pinned here.
    @Test func aDollarFollowedByACombiningMarkStartsAMarker() throws {
        let bytes = try #require(Data(base64Encoded: "WyQkLCAk2JmWmpOa0dMgJA=="))
        let title = String(decoding: bytes, as: UTF8.self)
        guard case .saveNode(let ignored) = Title(title, classType: "SaveImage") else {
            Issue.record("a save node class")
            return
        }
        #expect(ignored.count == 1)
        #expect(ignored.allSatisfy { $0.unicodeScalars.first == "$" && !$0.hasPrefix("$") })
        guard case .params(let markers, _) = Title(title, classType: "Foo") else {
            Issue.record("a params title")
            return
        }
        #expect(markers.map(\.text) == ignored)
        #expect(markers.first?.name.unicodeScalars.first == "\u{619}")
        #expect(Title("$output.\u{301}x", classType: "Foo") == .output(name: "\u{301}x"))
    }

    /// `Greeting, $text.value!` + U+0602 + `,` …: U+0602 (ARABIC FOOTNOTE MARKER) is a prepended mark, so it and the
    /// comma after it are one Character, and splitting the title by Characters kept that comma inside a marker. The
    /// Python ComfyKit splits code points: the title splits there, as it now does here.
    @Test func aCommaAfterAPrependedMarkStillSplitsTheTitle() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/corpus/regression_prepended_mark_before_comma").standardized
        let title = try String(contentsOf: seed, encoding: .utf8)
        #expect(title == "$text.value!\u{602},$b")
        guard case .params(let markers, _) = Title(title, classType: "Foo") else {
            Issue.record("a params title")
            return
        }
        #expect(markers.map(\.name) == ["text", "b"])
        #expect(markers.first?.field == "value!\u{602}", "the `!` is not last: not required, as in Python")
        #expect(markers.allSatisfy { !$0.name.unicodeScalars.contains(",") && !$0.field.unicodeScalars.contains(",") })
        // Trimmed by code point too: a space before a combining mark is white space to Python's `strip()`.
        guard case .params(let described, _) = Title("$a: \u{301}x", classType: "Foo") else {
            Issue.record("a params title")
            return
        }
        #expect(described.first?.description == "\u{301}x")
    }
}
