import ComfyKit
import Testing

/// Every form of a `$` marker (name, field, `~` upload, `!` required), one row each.
@Suite struct ParamMarkerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let marker: String, name: String, field: String, upload: Bool, required: Bool
        var testDescription: String { marker }
    }

    static let table: [Row] = [
        Row(marker: "$width", name: "width", field: "width", upload: false, required: false),
        Row(marker: "$width!", name: "width", field: "width", upload: false, required: true),
        Row(marker: "$~image", name: "image", field: "image", upload: true, required: false),
        Row(marker: "$~image!", name: "image", field: "image", upload: true, required: true),
        Row(marker: "$prompt.text!", name: "prompt", field: "text", upload: false, required: true),
        Row(marker: "$img.~image!", name: "img", field: "image", upload: true, required: true),
        Row(marker: "$~a.~b", name: "a", field: "b", upload: true, required: false),
        Row(marker: "$prompt.text!:image prompt", name: "prompt", field: "text", upload: false, required: true),
        Row(marker: "$a:x!", name: "a", field: "a", upload: false, required: false),
        Row(marker: "$a!:x", name: "a", field: "a", upload: false, required: true),
        Row(marker: "$a!!", name: "a!", field: "a!", upload: false, required: true),
        Row(marker: "$~~a", name: "~a", field: "~a", upload: true, required: false),
        Row(marker: "$a.~~b", name: "a", field: "~b", upload: true, required: false),
        Row(marker: "$a.b.c", name: "a", field: "b.c", upload: false, required: false),
        Row(marker: "$a.b!c", name: "a", field: "b!c", upload: false, required: false),
        Row(marker: "$a.", name: "a", field: "", upload: false, required: false),
        Row(marker: "$.text", name: "", field: "text", upload: false, required: false),
        Row(marker: "$", name: "", field: "", upload: false, required: false),
        Row(marker: "$!", name: "", field: "", upload: false, required: true),
        Row(marker: "$~", name: "", field: "", upload: true, required: false),
        Row(marker: "$ a", name: " a", field: " a", upload: false, required: false),
        Row(marker: "$中文.text", name: "中文", field: "text", upload: false, required: false),
    ]

    @Test(arguments: table)
    func markerParsesAsTheSpecTableSays(row: Row) {
        let marker = ParamMarker(parsing: Substring(row.marker))
        #expect(marker.name == row.name)
        #expect(marker.field == row.field)
        #expect(marker.isUpload == row.upload)
        #expect(marker.isRequired == row.required)
    }

    @Test func legacyDescriptionIsKeptAsHelpText() {
        #expect(ParamMarker(parsing: "$prompt.text!:image prompt").description == "image prompt")
        #expect(ParamMarker(parsing: "$prompt.text!").description == nil)
    }

    @Test func namesAreCaseSensitive() {
        #expect(ParamMarker(parsing: "$A").name == "A")
    }
}
