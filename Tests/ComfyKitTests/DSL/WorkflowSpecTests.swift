import ComfyKit
import Testing

/// Parse-time cases of the title DSL (defaults, inferred kinds, required params, outputs) and the introspection API.
@Suite struct WorkflowSpecTests {
    @Test func sizeTitleGivesTwoRequiredParams() throws {
        let spec = try WorkflowSpec(try Fixtures.node("Size, $width!, $height!", inputs: #"{"width": 512, "height": 512}"#))
        #expect(spec.params.map(\.name) == ["width", "height"])
        #expect(spec.params.allSatisfy { $0.isRequired && $0.defaultValue == nil && $0.kind == .int })
        #expect(spec.params.map { $0.bindings[0].field } == ["width", "height"])
    }

    @Test func optionalMarkerWithoutInputIsAnErrorNamingNodeAndParam() {
        #expect {
            _ = try WorkflowSpec(try Fixtures.node("$a:x!", inputs: "{}"))
        } throws: { error in
            "\(error)".contains("Parameter `a` has no default value but not marked as required (node 1)")
        }
    }

    @Test func optionalMarkerAfterColonStaysOptionalWithItsDefault() throws {
        let spec = try WorkflowSpec(try Fixtures.node("$a:x!", inputs: #"{"a": 1}"#))
        #expect(spec.params[0].isRequired == false)
        #expect(spec.params[0].defaultValue == 1)
    }

    @Test func leadingSpaceOutputMarkerIsAParamThatNeedsADefault() {
        #expect {
            _ = try WorkflowSpec(try Fixtures.node(" $output.x", inputs: "{}"))
        } throws: { error in
            "\(error)".contains("Parameter `output` has no default value but not marked as required (node 1)")
        }
    }

    @Test func emptyOutputNameIsAParamNamedOutput() {
        #expect {
            _ = try WorkflowSpec(try Fixtures.node("$output.", inputs: "{}"))
        } throws: { error in
            "\(error)".contains("Parameter `output` has no default value")
        }
    }

    @Test func saveNodeMarkersAreIgnoredWithAWarning() throws {
        let spec = try WorkflowSpec(try Fixtures.node("$prefix.filename_prefix", classType: "SaveImage", inputs: #"{"filename_prefix": "x"}"#))
        #expect(spec.params.isEmpty)
        #expect(spec.outputs == [OutputSpec(name: "1", nodeID: "1", classType: "SaveImage", isNamed: false)])
        #expect(spec.warnings.count == 1)
    }

    @Test func nodesWithoutMetaAreIgnoredButStillListedAsOutputs() throws {
        let workflow = try Fixtures.workflow(json: #"{"9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x"}}, "3": {"class_type": "Foo", "inputs": {"a": 1}}}"#)
        let spec = try WorkflowSpec(workflow)
        #expect(spec.params.isEmpty)
        #expect(spec.outputs.map(\.nodeID) == ["9"])
    }

    @Test func nullTitleReadsAsEmpty() throws {
        let workflow = try Fixtures.workflow(json: #"{"1": {"class_type": "Foo", "inputs": {}, "_meta": {"title": null}}}"#)
        #expect(workflow.nodes[0].title == "")
        #expect(try WorkflowSpec(workflow).params.isEmpty)
    }

    @Test func kindsAreInferredFromLiterals() throws {
        let spec = try WorkflowSpec(try Fixtures.node("T, $b, $i, $f, $s, $e, $d", inputs: #"{"b":true,"i":5,"f":1.5,"s":"x","e":"","d":{"k":1}}"#))
        #expect(spec.params.map(\.kind) == [.bool, .int, .float, .string, .string, .string])
        #expect(spec.params.map(\.defaultValue) == [true, 5, 1.5, "x", "", ["k": 1]])
    }

    @Test(arguments: [
        (#"{"text": ["21", 0]}"#, "is a link to node 21"),
        (#"{"v": null}"#, "is null"),
        (#"{"v": [1, 2, 3]}"#, "is a list"),
    ])
    func linksNullsAndListsAreNotDefaults(inputs: String, reason: String) {
        let title = inputs.contains("text") ? "$prompt.text" : "$v"
        #expect {
            _ = try WorkflowSpec(try Fixtures.node(title, inputs: inputs))
        } throws: { error in
            "\(error)".contains("has no default value but not marked as required (node 1)") && "\(error)".contains(reason)
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let workflow = try? Fixtures.workflow(json: #"{"1": {"class_type": "A", "inputs": {}, "_meta": {"title": "$a, $b"}}, "2": {"class_type": "B", "inputs": {"c": ["1", 0]}, "_meta": {"title": "$c"}}}"#)
        #expect {
            _ = try WorkflowSpec(workflow!)
        } throws: { error in
            (error as? WorkflowSpecError)?.problems.map(\.paramName) == ["a", "b", "c"]
        }
    }

    @Test func lastDeclarationWinsAndDisagreementIsWarned() throws {
        let workflow = try Fixtures.workflow(json: #"{"1": {"class_type": "A", "inputs": {"seed": 5}, "_meta": {"title": "$seed!"}}, "2": {"class_type": "B", "inputs": {"seed": 7}, "_meta": {"title": "$seed"}}}"#)
        let spec = try WorkflowSpec(workflow)
        let seed = try #require(spec.param(named: "seed"))
        #expect(!seed.isRequired)
        #expect(seed.defaultValue == 7)
        #expect(seed.bindings.map(\.nodeID) == ["1", "2"])
        #expect(spec.warnings.contains { $0.message.contains("param `seed` is declared on nodes 1, 2") })
    }

    @Test func paramsAreListedInFirstDeclarationOrder() throws {
        let workflow = try Fixtures.workflow(json: #"{"5": {"class_type": "A", "inputs": {"z": 1, "a": 2}, "_meta": {"title": "$z, $a"}}, "1": {"class_type": "B", "inputs": {"m": 3, "z": 4}, "_meta": {"title": "$m, $z"}}}"#)
        #expect(try WorkflowSpec(workflow).params.map(\.name) == ["z", "a", "m"])
    }

    @Test func mediaKindComesFromTildeOrTheLoaderFileInput() throws {
        let workflow = try Fixtures.workflow(json: #"""
            {"1": {"class_type": "LoadImage", "inputs": {"image": "a.png"}, "_meta": {"title": "$img.image"}},
             "2": {"class_type": "VHS_LoadVideo", "inputs": {"video": "v.mp4", "force_rate": 0, "format": "AnimateDiff"}, "_meta": {"title": "Video, $~video!, $rate.force_rate, $fmt.format"}},
             "3": {"class_type": "Custom", "inputs": {"pic": "p.png"}, "_meta": {"title": "$~pic"}}}
            """#)
        let spec = try WorkflowSpec(workflow)
        #expect(spec.params.map(\.kind) == [.media, .media, .int, .string, .media])
    }

    @Test func duplicateOutputNamesAreWarned() throws {
        let workflow = try Fixtures.workflow(json: #"{"9": {"class_type": "SaveImage", "inputs": {}, "_meta": {"title": "$output.x"}}, "15": {"class_type": "SaveImage", "inputs": {}, "_meta": {"title": "$output.x"}}}"#)
        let spec = try WorkflowSpec(workflow)
        #expect(spec.outputs.map(\.name) == ["x", "x"])
        #expect(spec.warnings.contains { $0.nodeID == "15" && $0.message.contains("also produced by node 9") })
    }

    @Test func strayDollarTextIsWarned() throws {
        let spec = try WorkflowSpec(try Fixtures.node("Text $a", inputs: #"{"a": 1}"#))
        #expect(spec.params.isEmpty)
        #expect(spec.warnings.map(\.message) == [#""Text $a" is not a marker: a marker must start a comma-separated part (write "Text, $name")"#])
    }

    @Test func requiredMarkerOnAMissingFieldIsWarned() throws {
        let spec = try WorkflowSpec(try Fixtures.node("$foo.bar!", inputs: "{}"))
        #expect(spec.params[0].isRequired)
        #expect(spec.warnings.contains { $0.message.contains("`bar` is not an input") })
    }

    @Test func specJSONListsParamsOutputsAndWarnings() throws {
        let json = try Fixtures.spec("02_load_transform_save").json
        #expect(json["params"]?.arrayValue?.count == 6)
        #expect(json["params"]?.arrayValue?.first?["bindings"]?.arrayValue?.first?["class_type"] == "LoadImage")
        #expect(json["outputs"]?.arrayValue?.first?["name"] == "result")
    }
}
