import Testing
@testable import ComfyUITestDouble

/// `POST /prompt` refuses invalid prompts with the recorded bodies and sends nothing on the WebSocket.
@Suite struct ValidationTests {
    static let refused = [
        "12_validation_error_bad_value", "13_validation_error_missing_file", "14_validation_error_missing_input_and_bad_link",
        "15_validation_error_unknown_node", "16_validation_error_no_outputs", "18_validation_error_bad_combo",
    ]

    @Test(arguments: refused)
    func refusedPromptAnswersTheRecordedBodyAndSendsNoEvents(_ name: String) async throws {
        let recorded = try #require(try Recordings.transcript(name).http("POST /prompt"))
        try await withDouble { double, _ in
            let result = try await run(try Recordings.workflow(name), on: double)
            #expect(result.reply.status == recorded["status"]?.intValue)
            #expect(result.reply.json == recorded["body"])
            #expect(result.kinds == ["status"])
            #expect(await double.files(in: "output").isEmpty)
        }
    }

    @Test func forcedValidationErrorRefusesThePromptLikeARealOne() async throws {
        let forced = ForcedValidationError(details: "no disk space", inputName: "filename_prefix")
        try await withDouble({ $0.forcedValidationErrors[.classType("SaveImage")] = forced }) { double, _ in
            let result = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            #expect(result.reply.status == 400)
            #expect(result.reply.json?["error"]?["type"] == "prompt_outputs_failed_validation")
            #expect(result.reply.json?["error"]?["details"] == "Custom validation failed for node: no disk space")
            let nodeError = result.reply.json?["node_errors"]?["2"]
            #expect(nodeError?["errors"] == [["type": "custom_validation_failed", "message": "Custom validation failed for node",
                                             "details": "no disk space", "extra_info": ["input_name": "filename_prefix"]]])
            #expect(nodeError?["dependent_outputs"] == ["2"])
        }
    }

    @Test func widgetValuesAreConvertedToTheirDeclaredTypeBeforeQueueing() async throws {
        var workflow = try Recordings.workflow("01_empty_image_save").objectValue ?? [:]
        var canvas = workflow["1"]?.objectValue ?? [:]
        canvas["inputs"] = ["width": "64", "height": 48.9, "batch_size": true, "color": 0]
        workflow["1"] = .object(canvas)
        try await withDouble { double, _ in
            let result = try await run(.object(workflow), on: double)
            #expect(result.reply.status == 200)
            let stored = result.history?["prompt"]?.arrayValue?[2]["1"]?["inputs"]
            #expect(stored == ["width": 64, "height": 48, "batch_size": 1, "color": 0])
        }
    }

    @Test func linkToAMissingNodeIsAnExceptionDuringValidation() async throws {
        let workflow: JSONValue = ["2": ["class_type": "SaveImage", "inputs": ["images": ["9", 0], "filename_prefix": "x"]]]
        try await withDouble { double, client in
            let (reply, _) = try await client.submit(workflow, clientID: nil)
            #expect(reply.status == 400)
            #expect(reply.json?["node_errors"]?["2"]?["errors"]?.arrayValue?.first?["type"] == "exception_during_validation")
            #expect(reply.json?["error"]?["details"] == "Exception when validating node: '9'")
        }
    }
}
