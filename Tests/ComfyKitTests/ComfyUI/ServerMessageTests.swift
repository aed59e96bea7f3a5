import ComfyKit
import Testing

/// Decoding the recorded WebSocket frames of a real ComfyUI 0.3.64.
@Suite struct ServerMessageTests {
    @Test(arguments: ["01_empty_image_save", "04_multi_output", "10_progress_websocket_images_feature_flags", "11_execution_error",
                      "21_progress_upscale_tiny_model", "scenario_cached_rerun", "scenario_interrupt_with_prompt_id", "30_sd15_txt2img"])
    func everyRecordedTextFrameDecodes(name: String) throws {
        let transcript = try Transcript(name)
        #expect(!transcript.textFrames.isEmpty)
        for frame in transcript.textFrames {
            let message = try #require(ServerMessage(json: frame), "\(frame)")
            if case .other(let type, _) = message { Issue.record("\(type) not decoded") }
        }
    }

    @Test func theEndMarkerIsExecutingWithANullNode() throws {
        let frames = try Transcript("01_empty_image_save").textFrames.compactMap { ServerMessage(json: $0) }
        guard case .executing(let pid, nil)? = frames.last else { Issue.record("last frame is \(String(describing: frames.last))"); return }
        #expect(pid == "f5e83010-32de-4316-b504-4f7e4a3f19f4")
    }

    @Test func anExecutionErrorNamesNodeClassAndException() throws {
        let frames = try Transcript("11_execution_error").textFrames.compactMap { ServerMessage(json: $0) }
        let failure = try #require(frames.compactMap { message -> ExecutionFailure? in
            if case .executionError(_, let failure) = message { return failure } else { return nil }
        }.first)
        #expect(failure.nodeID == "2")
        #expect(failure.classType == "SplitAudioChannels")
        #expect(failure.exceptionType == "ValueError")
        #expect(failure.description == "node 2 (SplitAudioChannels): ValueError: AudioSplit: Input audio has only one channel.")
        #expect(!failure.traceback.isEmpty)
    }

    @Test func progressCarriesNodeValueAndMax() throws {
        let frames = try Transcript("21_progress_upscale_tiny_model").textFrames.compactMap { ServerMessage(json: $0) }
        let steps = frames.compactMap { message -> (Double, Double)? in
            if case .progress(_, _, let value, let max) = message { return (value, max) } else { return nil }
        }
        #expect(steps.count == 20)
        #expect(steps.last.map { $0 == (20, 20) } == true)
    }

    @Test func theReconnectFrameHasNoPromptID() {
        #expect(ServerMessage(text: #"{"type": "executing", "data": {"node": "3"}}"#) == .executing(promptID: nil, node: "3"))
    }

    @Test func statusCarriesTheQueueLengthAndSid() {
        #expect(ServerMessage(text: #"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 2}}, "sid": "abc"}}"#) == .status(queueRemaining: 2, sid: "abc"))
    }

    @Test func garbageIsNotAMessage() {
        #expect(ServerMessage(text: "not json") == nil)
        #expect(ServerMessage(text: #"{"data": {}}"#) == nil)
        #expect(ServerMessage(text: #"{"type": "executed", "data": {"prompt_id": "p"}}"#) == nil)
    }
}

@Suite struct BinaryFrameTests {
    func frame(_ type: UInt32, _ rest: [UInt8]) -> [UInt8] {
        [UInt8(type >> 24), UInt8(type >> 16 & 0xFF), UInt8(type >> 8 & 0xFF), UInt8(type & 0xFF)] + rest
    }

    @Test func typeOnePreviewHasAFormatButNoIDs() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        #expect(BinaryFrame(frame(1, [0, 0, 0, 2] + png)) == .preview(Preview(format: .png, promptID: nil, nodeID: nil, bytes: png)))
    }

    @Test func typeFourPreviewCarriesItsPromptAndNode() {
        let meta = Array(#"{"node_id": "3", "prompt_id": "p1", "image_type": "image/jpeg"}"#.utf8)
        let length = UInt32(meta.count)
        let bytes = frame(4, [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + meta + [0xFF, 0xD8])
        #expect(BinaryFrame(bytes) == .preview(Preview(format: .jpeg, promptID: "p1", nodeID: "3", bytes: [0xFF, 0xD8])))
    }

    @Test func typeThreeIsNodeText() {
        #expect(BinaryFrame(frame(3, [0, 0, 0, 1, 0x39] + Array("width: 256".utf8))) == .text(node: "9", text: "width: 256"))
    }

    @Test func truncatedFramesAreRejected() {
        #expect(BinaryFrame([0, 0]) == nil)
        #expect(BinaryFrame(frame(4, [0, 0, 0, 99, 1])) == nil)
        #expect(BinaryFrame(frame(3, [0, 0, 0, 5, 1])) == nil)
    }
}

@Suite struct RunProgressTests {
    @Test func overallIsFinishedPlusCachedPlusTheCurrentFraction() {
        var progress = RunProgress(totalNodes: 4)
        progress.markCached(["1"])
        #expect(progress.overall == 0.25)
        progress.start(node: "2")
        progress.step(node: "2", value: 5, max: 10)
        #expect(progress.overall == 0.375)
        progress.start(node: "3")
        #expect(progress.overall == 0.5)
        progress.complete()
        #expect(progress.overall == 1)
    }

    @Test func progressNeverExceedsOneOrGoesNegative() {
        var progress = RunProgress(totalNodes: 1)
        progress.step(node: "1", value: 50, max: 10)
        #expect(progress.overall == 1)
        progress.step(node: "1", value: -3, max: 10)
        #expect(progress.overall == 0)
    }
}

@Suite struct ValidationErrorTests {
    @Test(arguments: [
        ("12_validation_error_bad_value", "Prompt outputs failed validation: node 1 (EmptyImage) input width (param width): Value 0 smaller than min of 1"),
        ("13_validation_error_missing_file", "Prompt outputs failed validation: node 1 (LoadImage) input image (param image): Custom validation failed for node — image - Invalid image file: does_not_exist.png"),
        ("15_validation_error_unknown_node", "Cannot execute because node NoSuchNode does not exist. (Node ID '#1')"),
        ("16_validation_error_no_outputs", "Prompt has no outputs"),
        ("18_validation_error_bad_combo", "Prompt outputs failed validation: node 1 (ImageScale) input upscale_method (param method): Value not in list — upscale_method: 'superres' not in ['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']"),
    ])
    func recordedRefusalsNameNodeInputAndParam(name: String, expected: String) throws {
        let body = try #require(try Transcript(name).body(of: "POST /prompt"))
        let error = ValidationError(json: body).attributing(to: try Fixtures.spec(name))
        #expect(error.description == expected)
    }

    @Test func everyInputErrorOfTheMissingInputAndBadLinkCaseIsListed() throws {
        let body = try #require(try Transcript("14_validation_error_missing_input_and_bad_link").body(of: "POST /prompt"))
        let error = ValidationError(json: body)
        #expect(error.nodeErrors.map(\.nodeID) == ["1", "4"])
        #expect(error.nodeErrors.flatMap(\.inputErrors).map(\.type) == ["required_input_missing", "return_type_mismatch"])
        #expect(error.nodeErrors[0].dependentOutputs == ["2", "4"])
    }

    @Test func paramNamesPointFormsAtTheirFields() throws {
        let body = try #require(try Transcript("12_validation_error_bad_value").body(of: "POST /prompt"))
        #expect(ValidationError(json: body).attributing(to: try Fixtures.spec("12_validation_error_bad_value")).paramNames == ["width"])
    }
}
