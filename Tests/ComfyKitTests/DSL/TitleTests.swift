import ComfyKit
import Testing

/// Title classification (param node, output node or neither; the first rule that matches wins) and splitting.
@Suite struct TitleTests {
    func markers(_ title: String, classType: String = "Foo") -> [String] {
        guard case .params(let markers, _) = Title(title, classType: classType) else { return [] }
        return markers.map(\.text)
    }

    @Test func severalMarkersFollowFreeText() {
        #expect(markers("Size, $width!, $height!") == ["$width!", "$height!"])
    }

    @Test func whitespaceAroundPartsIsStripped() {
        #expect(markers("$width!,$height!") == ["$width!", "$height!"])
        #expect(markers("  $a ,  $b!") == ["$a", "$b!"])
        #expect(markers("\u{3000}$a\u{00A0},\t$b") == ["$a", "$b"])
    }

    @Test func aMarkerMustStartItsPart() {
        #expect(markers("Text $a").isEmpty)
        guard case .params(_, let stray) = Title("Text $a", classType: "Foo") else { Issue.record("not params"); return }
        #expect(stray == ["Text $a"])
    }

    @Test func emptyPartsAreSkipped() {
        #expect(markers("a,,b,$c") == ["$c"])
    }

    @Test func outputMarkerNamesTheNode() {
        #expect(Title("$output.cover", classType: "AnyClass") == .output(name: "cover"))
    }

    @Test func outputNameIsTheWholeRestOfTheTitle() {
        #expect(Title("$output.a, $b", classType: "Foo") == .output(name: "a, $b"))
    }

    @Test func outputMarkerWithLeadingSpaceIsAParamNamedOutput() {
        let parsed = markers(" $output.x")
        #expect(parsed == ["$output.x"])
        #expect(ParamMarker(parsing: "$output.x").name == "output")
    }

    @Test func emptyOutputNameFallsThroughToAParam() {
        #expect(markers("$output.") == ["$output."])
    }

    @Test func saveNodeTitlesAreNotReadForParams() {
        #expect(Title("$prefix.filename_prefix", classType: "SaveImage") == .saveNode(ignoredMarkers: ["$prefix.filename_prefix"]))
        #expect(Title("$output.x", classType: "SaveImage") == .output(name: "x"))
    }

    @Test func commasCutTheLegacyDescription() {
        #expect(markers("$prompt.text!:a, b") == ["$prompt.text!:a"])
    }
}
