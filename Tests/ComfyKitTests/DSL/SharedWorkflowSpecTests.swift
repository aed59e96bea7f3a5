import ComfyKit
import Testing

/// Every workflow in `shared/comfyui/workflows/` inspected: the params and outputs a user expects.
@Suite struct SharedWorkflowSpecTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let file: String
        /// "name kind [*] default" per param, in workflow order ("-" for no default).
        let params: [String]
        let outputs: [String]
        var testDescription: String { file }
    }

    static let expectations: [Expected] = [
        Expected(file: "01_empty_image_save", params: ["width int * -", "height int * -", "color int 16711680"], outputs: ["result"]),
        Expected(file: "02_load_transform_save", params: ["image media * -", "width int 128", "height int 96", "method string bilinear", "blur int 3", "sigma float 1.5"], outputs: ["result"]),
        Expected(file: "03_preview_image", params: ["width int 32", "height int 32", "batch_size int 2"], outputs: ["preview"]),
        Expected(file: "04_multi_output", params: ["image media * -"], outputs: ["original", "inverted", "preview", "mask", "width", "batch"]),
        Expected(file: "05_animated_webp_png", params: ["width int * -", "height int * -", "frames int 8", "seed int 42"], outputs: ["webp", "apng"]),
        Expected(file: "06_video_mp4_webm", params: ["width int * -", "height int * -", "frames int 12", "seed int 7", "fps float 12.0"], outputs: ["video", "webm"]),
        Expected(file: "07_audio_generated", params: ["duration float * -"], outputs: ["flac", "mp3", "opus", "preview"]),
        Expected(file: "08_audio_load_save", params: ["audio media * -", "volume int -6"], outputs: ["audio"]),
        Expected(file: "09_text_output", params: ["text string * -", "suffix string world", "number int 42"], outputs: ["text", "number"]),
        Expected(file: "10_progress_websocket_images", params: ["width int 64", "height int 64", "count int 6", "seed int 1"], outputs: ["frames"]),
        Expected(file: "11_execution_error", params: ["duration float * -", "channels int 1"], outputs: ["left"]),
        Expected(file: "12_validation_error_bad_value", params: ["width int * -", "height int * -"], outputs: ["result"]),
        Expected(file: "13_validation_error_missing_file", params: ["image media * -"], outputs: ["result"]),
        Expected(file: "14_validation_error_missing_input_and_bad_link", params: ["width int * -"], outputs: ["a", "b"]),
        Expected(file: "15_validation_error_unknown_node", params: [], outputs: ["result"]),
        Expected(file: "16_validation_error_no_outputs", params: ["width int 64"], outputs: []),
        Expected(file: "17_partial_failure_one_output_invalid", params: ["width int 32"], outputs: ["good", "bad"]),
        Expected(file: "18_validation_error_bad_combo", params: ["method string superres"], outputs: ["result"]),
        Expected(file: "19_long_running_blur_chain", params: ["width int 1024", "height int 1024", "batch_size int 4", "seed int 3"], outputs: ["result"]),
        Expected(file: "20_long_progress_websocket", params: ["width int 768", "height int 768", "count int 120", "seed int 11"], outputs: ["frames"]),
        Expected(file: "21_progress_upscale_tiny_model", params: ["image media * -", "width int 2048", "height int 1536"], outputs: ["result"]),
        Expected(file: "22_long_progress_upscale_for_interrupt", params: ["image media * -", "width int 2048", "height int 1536", "repeat int 8"], outputs: ["result"]),
    ]

    @Test func everySharedWorkflowHasAnExpectation() {
        let names = Fixtures.allWorkflowNames.map { String($0.dropLast(5)) }
        #expect(!names.isEmpty, "shared/comfyui/workflows is missing: set COMFYKIT_SHARED_DIR")
        #expect(Set(names) == Set(Self.expectations.map(\.file)))
    }

    @Test(arguments: expectations)
    func inspectingGivesTheParamsAndOutputsAUserExpects(expected: Expected) throws {
        let spec = try Fixtures.spec(expected.file)
        let shown = spec.params.map { p in
            [p.name, p.kind.rawValue] + (p.isRequired ? ["*"] : []) + [p.defaultValue?.displayText ?? "-"]
        }.map { $0.joined(separator: " ") }
        #expect(shown == expected.params)
        #expect(spec.outputs.filter(\.isNamed).map(\.name) == expected.outputs)
        #expect(spec.warnings.isEmpty, "\(spec.warnings)")
    }

    @Test func bindingsNameNodeFieldAndClass() throws {
        let spec = try Fixtures.spec("02_load_transform_save")
        let method = try #require(spec.param(named: "method"))
        #expect(method.bindings == [Binding(nodeID: "3", field: "upscale_method", classType: "ImageScale", isMedia: false, currentValue: "bilinear")])
        let image = try #require(spec.param(named: "image"))
        #expect(image.bindings.map(\.path) == ["1.image"])
        #expect(image.bindings[0].isMedia)
    }

    @Test func outputNamesMapNodeIDs() throws {
        let spec = try Fixtures.spec("04_multi_output")
        #expect(spec.outputNames["2"] == "original")
        #expect(spec.outputNames["10"] == "width")
    }
}
