import ComfyKit
import Testing

/// Param application and media params, as the Python ComfyKit applies them, with its bugs fixed.
@Suite struct ParamBinderTests {
    func bind(_ workflow: Workflow, _ values: [String: ParamValue], options: BindOptions = BindOptions(randomizeSeeds: false),
              files: Set<String> = []) throws -> BoundWorkflow {
        try ParamBinder.bind(workflow, spec: try WorkflowSpec(workflow), values: values, options: options, fileExists: { files.contains($0) })
    }

    @Test func requiredParamReplacesALink() throws {
        let wf = try Fixtures.node("$prompt.text!", inputs: #"{"text": ["21", 0]}"#)
        #expect(try bind(wf, ["prompt": "cat"]).workflow["1"]?.inputs["text"] == "cat")
    }

    @Test func requiredParamWithoutValueIsReportedWithItsNodeAndField() throws {
        let wf = try Fixtures.node("$prompt.text!", inputs: #"{"text": ["21", 0]}"#)
        #expect {
            _ = try bind(wf, [:])
        } throws: { error in
            "\(error)" == "Required parameter 'prompt' is missing (node 1 `text`)"
        }
    }

    @Test func requiredParamsNeverFallBackToTheLiteral() throws {
        let wf = try Fixtures.node("Size, $width!, $height!", inputs: #"{"width": 512, "height": 512}"#)
        #expect {
            _ = try bind(wf, ["width": 1024])
        } throws: { error in
            "\(error)".hasPrefix("Required parameter 'height' is missing")
        }
    }

    @Test func allMissingRequiredParamsAreReportedInOneError() throws {
        let wf = try Fixtures.node("Size, $width!, $height!", inputs: #"{"width": 512, "height": 512}"#)
        #expect {
            _ = try bind(wf, [:])
        } throws: { error in
            guard case .missingRequired(let params)? = error as? BindError else { return false }
            return params.map(\.name) == ["width", "height"]
                && "\(error)" == "Required parameters are missing: 'width' (node 1 `width`), 'height' (node 1 `height`)"
        }
    }

    @Test func requiredMarkerOnAMissingFieldCreatesIt() throws {
        let wf = try Fixtures.node("$foo.bar!", inputs: "{}")
        #expect(try bind(wf, ["foo": 3]).workflow["1"]?.inputs["bar"] == 3)
    }

    @Test func typedValuesAreWrittenAsGiven() throws {
        let wf = try Fixtures.node("T, $i, $b", inputs: #"{"i": 5, "b": true}"#)
        let node = try bind(wf, ["i": "1024", "b": "yes"]).workflow["1"]
        #expect(node?.inputs["i"] == "1024")
        #expect(node?.inputs["b"] == "yes")
    }

    @Test func unknownParamsAreRejectedWithTheValidNames() throws {
        let wf = try Fixtures.node("T, $width, $b", inputs: #"{"width": 5, "b": true}"#)
        #expect {
            _ = try bind(wf, ["widht": 1, "extra": 1])
        } throws: { error in
            "\(error)" == "Unknown parameters 'extra', 'widht' (did you mean 'width'?); this workflow takes: width, b"
        }
    }

    @Test func unknownParamsCanBeAllowedForSupersets() throws {
        let wf = try Fixtures.node("T, $i", inputs: #"{"i": 5}"#)
        let bound = try bind(wf, ["i": 6, "extra": 1], options: BindOptions(allowUnknownParams: true, randomizeSeeds: false))
        #expect(bound.workflow["1"]?.inputs["i"] == 6)
        #expect(bound.workflow["1"]?.inputs["extra"] == nil)
    }

    @Test func nullIsWrittenAsNull() throws {
        let wf = try Fixtures.node("$a", inputs: #"{"a": 1}"#)
        #expect(try bind(wf, ["a": .null]).workflow["1"]?.inputs["a"] == .null)
    }

    @Test func oneParamFansOutToEveryBinding() throws {
        let wf = try Fixtures.node("$a.x, $a.y", inputs: #"{"x": 1, "y": 2}"#)
        let node = try bind(wf, ["a": 9]).workflow["1"]
        #expect(node?.inputs["x"] == 9)
        #expect(node?.inputs["y"] == 9)
    }

    @Test func lastRequiredDeclarationMakesTheParamRequired() throws {
        let wf = try Fixtures.workflow(json: #"{"1": {"class_type": "A", "inputs": {"seed": 5}, "_meta": {"title": "$seed"}}, "2": {"class_type": "B", "inputs": {"seed": 7}, "_meta": {"title": "$seed!"}}}"#)
        #expect(throws: BindError.self) { _ = try bind(wf, [:]) }
    }

    @Test func lastDeclarationsDefaultIsWrittenToEveryBinding() throws {
        let wf = try Fixtures.workflow(json: #"{"1": {"class_type": "A", "inputs": {"seed": 5}, "_meta": {"title": "$seed!"}}, "2": {"class_type": "B", "inputs": {"seed": 7}, "_meta": {"title": "$seed"}}}"#)
        let bound = try bind(wf, [:])
        #expect(bound.workflow["1"]?.inputs["seed"] == 7)
        #expect(bound.workflow["2"]?.inputs["seed"] == 7)
    }

    @Test func theCallersWorkflowIsNeverChanged() throws {
        let wf = try Fixtures.node("$a", inputs: #"{"a": 1, "seed": 0}"#)
        let copy = wf
        _ = try ParamBinder.bind(wf, spec: try WorkflowSpec(wf), values: ["a": 2])
        #expect(wf == copy)
    }

    @Test func promptJSONKeepsMetaAndUnknownKeys() throws {
        let wf = try Fixtures.workflow(json: #"{"1": {"class_type": "A", "inputs": {"a": 1}, "_meta": {"title": "$a"}, "is_changed": ["x"]}}"#)
        let prompt = try bind(wf, ["a": 2]).workflow.promptJSON
        #expect(JSONWriter.string(prompt) == #"{"1":{"class_type":"A","inputs":{"a":2},"_meta":{"title":"$a"},"is_changed":["x"]}}"#)
    }

    // MARK: media

    @Test func aServerFilenameIsWrittenThrough() throws {
        let wf = try Fixtures.node("$~image!", classType: "LoadImage", inputs: #"{"image": "default.png"}"#)
        let bound = try bind(wf, ["image": "server_side.png"])
        #expect(bound.workflow["1"]?.inputs["image"] == "server_side.png")
        #expect(bound.uploads.isEmpty)
    }

    @Test func aLoaderFileInputWithoutTildeIsStillMedia() throws {
        let wf = try Fixtures.node("$img.image", classType: "LoadImage", inputs: #"{"image": "default.png"}"#)
        #expect(try bind(wf, ["img": "server_side.png"]).workflow["1"]?.inputs["image"] == "server_side.png")
    }

    @Test func otherParamsOnALoaderNodeArePlainValues() throws {
        let wf = try Fixtures.node("Video, $~video!, $rate.force_rate, $fmt.format", classType: "VHS_LoadVideo", inputs: #"{"video": "v.mp4", "force_rate": 0, "format": "AnimateDiff"}"#)
        let node = try bind(wf, ["video": "server.mp4", "rate": 8, "fmt": "Wan"]).workflow["1"]
        #expect(node?.inputs["video"] == "server.mp4")
        #expect(node?.inputs["force_rate"] == 8)
        #expect(node?.inputs["format"] == "Wan")
    }

    @Test func nonStringMediaValuesAreWrittenAsGiven() throws {
        let wf = try Fixtures.node("$~image!", classType: "LoadImage", inputs: #"{"image": "default.png"}"#)
        #expect(try bind(wf, ["image": 123]).workflow["1"]?.inputs["image"] == 123)
    }

    @Test func aLocalFileBecomesAPendingUploadForEveryMediaBinding() throws {
        let wf = try Fixtures.workflow(json: #"""
            {"1": {"class_type": "LoadImage", "inputs": {"image": "a.png"}, "_meta": {"title": "$~image!"}},
             "2": {"class_type": "LoadImage", "inputs": {"image": "b.png"}, "_meta": {"title": "$~image!"}}}
            """#)
        var bound = try bind(wf, ["image": "/tmp/cat.png"], files: ["/tmp/cat.png"])
        #expect(bound.uploads.count == 1)
        #expect(bound.uploads[0].reference == .localFile(path: "/tmp/cat.png"))
        #expect(bound.uploads[0].bindings.map(\.nodeID) == ["1", "2"])
        bound.resolve(bound.uploads[0], storedAs: "cat (1).png")
        #expect(bound.workflow["1"]?.inputs["image"] == "cat (1).png")
        #expect(bound.workflow["2"]?.inputs["image"] == "cat (1).png")
    }

    @Test func aURLBecomesAPendingUpload() throws {
        let wf = try Fixtures.node("$~image!", classType: "LoadImage", inputs: #"{"image": "a.png"}"#)
        let bound = try bind(wf, ["image": "https://example.com/media/photo.png?x=1"])
        guard case .remote(let url) = bound.uploads.first?.reference else { Issue.record("expected a remote upload"); return }
        #expect(url.lastPathComponent == "photo.png")
    }

    @Test func aMissingLocalPathIsAnErrorNotAServerName() throws {
        let wf = try Fixtures.node("$~image!", classType: "LoadImage", inputs: #"{"image": "a.png"}"#)
        #expect {
            _ = try bind(wf, ["image": "./missing/cat.png"])
        } throws: { error in
            "\(error)" == "param `image`: the local file ./missing/cat.png does not exist"
        }
    }

    @Test func mediaDefaultsAreNeverUploaded() throws {
        let wf = try Fixtures.node("$~image", classType: "LoadImage", inputs: #"{"image": "cat.png"}"#)
        let bound = try bind(wf, [:], files: ["cat.png"])
        #expect(bound.uploads.isEmpty)
        #expect(bound.workflow["1"]?.inputs["image"] == "cat.png")
    }
}
