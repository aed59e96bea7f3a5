import ComfyKit
import Foundation
import Testing

/// Output classification and result building: the Python ComfyKit's output cases, with its bugs fixed.
@Suite struct ResultBuilderTests {
    let base = URL(string: "http://127.0.0.1:8188")!

    func outputs(_ text: String) throws -> JSONObject { try #require(try JSONValue(parsing: text).objectValue) }

    @Test func namedOutputGroupsItsImages() throws {
        let result = ResultBuilder(base: base, outputNames: ["9": "cover"])
            .result(outputs: try outputs(#"{"9":{"images":[{"filename":"ComfyUI_00001_.png","subfolder":"","type":"output"}]}}"#), promptID: "p", duration: 1)
        #expect(Array(result.imagesByVar.keys) == ["cover"])
        #expect(result.images == ["http://127.0.0.1:8188/view?filename=ComfyUI_00001_.png&type=output"])
    }

    @Test func viewURLsArePercentEncoded() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"9":{"images":[{"filename":"my pic&1+中.png","subfolder":"sub dir","type":"output"}]}}"#), promptID: nil, duration: nil)
        #expect(result.images == ["http://127.0.0.1:8188/view?filename=my%20pic%261%2B%E4%B8%AD.png&subfolder=sub%20dir&type=output"])
    }

    @Test func aBaseURLWithAPathPrefixKeepsIt() {
        #expect(ViewURL.make(base: URL(string: "https://host/comfy/")!, filename: "a.png", subfolder: "", type: "temp") == "https://host/comfy/view?filename=a.png&type=temp")
    }

    @Test func filesWithoutAKnownExtensionAreClassifiedByTheirKey() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"1":{"images":[{"filename":"noext","type":""}, {"filename":"weird.tif","type":"output"}], "latents":[{"filename":"x.latent"}]}}"#), promptID: nil, duration: nil)
        #expect(result.images == ["http://127.0.0.1:8188/view?filename=noext", "http://127.0.0.1:8188/view?filename=weird.tif&type=output"])
        #expect(result.videos.isEmpty && result.audios.isEmpty)
    }

    @Test func gifIsAVideoAndTheImagesKeyComesFirst() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"20":{"gifs":[{"filename":"v.mp4","type":"output"}],"images":[{"filename":"anim.gif","type":"output"}]}}"#), promptID: nil, duration: nil)
        #expect(result.videosByVar["20"]?.map { $0.components(separatedBy: "filename=")[1] } == ["anim.gif&type=output", "v.mp4&type=output"])
    }

    @Test func audioKeepsItsSubfolder() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"30":{"audio":[{"filename":"audio_0001.flac","subfolder":"audio"}]}}"#), promptID: nil, duration: nil)
        #expect(result.audiosByVar["30"] == ["http://127.0.0.1:8188/view?filename=audio_0001.flac&subfolder=audio"])
    }

    @Test func textsAreStringsListsOrScalars() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"40":{"text":"hello"},"41":{"text":["a","b"]},"42":{"text":123}}"#), promptID: nil, duration: nil)
        #expect(Array(result.textsByVar.keys) == ["40", "41", "42"])
        #expect(result.texts == ["hello", "a", "b", "123"])
    }

    @Test func previewsOfTypeTempAreIncluded() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"12":{"images":[{"filename":"p.png","subfolder":"","type":"temp"}]}}"#), promptID: nil, duration: nil)
        #expect(result.imagesByVar["12"]?.first?.hasSuffix("&type=temp") == true)
    }

    @Test func nodesSharingAnOutputNameKeepAllTheirFiles() throws {
        let result = ResultBuilder(base: base, outputNames: ["9": "x", "15": "x"])
            .result(outputs: try outputs(#"{"9":{"images":[{"filename":"a.png"}]},"15":{"images":[{"filename":"b.png"}]}}"#), promptID: nil, duration: nil)
        #expect(result.imagesByVar["x"]?.count == 2)
        #expect(result.images.count == 2)
    }

    @Test func anOutputNamedLikeAnotherNodeIDKeepsBoth() throws {
        let result = ResultBuilder(base: base, outputNames: ["9": "20"])
            .result(outputs: try outputs(#"{"9":{"images":[{"filename":"a.png"}]},"20":{"images":[{"filename":"b.png"}]}}"#), promptID: nil, duration: nil)
        #expect(result.imagesByVar["20"]?.count == 2)
    }

    @Test func animatedFlagsAreNotFiles() throws {
        let result = ResultBuilder(base: base, outputNames: [:])
            .result(outputs: try outputs(#"{"4":{"images":[{"filename":"v_00001_.mp4","subfolder":"comfykit","type":"output"}],"animated":[true]}}"#), promptID: nil, duration: nil)
        #expect(result.videos.count == 1)
        #expect(result.images.isEmpty)
    }

    @Test func sharedTranscriptHistoriesGiveTheExpectedOutputs() throws {
        // 04: 6 output nodes, 7 png and one text; history shapes recorded from a real server.
        let transcript = try JSONValue(parsing: Array(try Data(contentsOf: Fixtures.transcriptsDir.appendingPathComponent("04_multi_output.json"))))
        let history = try #require(transcript["http"]?.arrayValue?.compactMap { $0["body"]?.objectValue }.first { $0.values.first?["outputs"] != nil })
        let entry = try #require(history.values.first?["outputs"]?.objectValue)
        let spec = try Fixtures.spec("04_multi_output")
        let result = ResultBuilder(base: base, outputNames: spec.outputNames).result(outputs: entry, promptID: "p", duration: 0.1)
        #expect(result.images.count == 7)
        #expect(result.texts == ["256"])
        #expect(Array(result.imagesByVar.keys).sorted() == ["batch", "inverted", "mask", "original", "preview"])
    }
}

@Suite struct ExecuteResultTests {
    @Test func emptyResultSerialisesLikePydantic() {
        #expect(ExecuteResult(status: .completed).jsonString()
            == #"{"status":"completed","prompt_id":null,"duration":null,"images":[],"images_by_var":{},"audios":[],"audios_by_var":{},"videos":[],"videos_by_var":{},"texts":[],"texts_by_var":{},"outputs":null,"msg":null}"#)
    }

    @Test func byVarGroupsKeepServerOrderInJSON() {
        let result = ExecuteResult(status: .completed, promptID: "p", duration: 0.5, imagesByVar: ["z": ["u1"], "a": ["u2", "u3"]])
        #expect(result.jsonString().contains(#""images":["u1","u2","u3"],"images_by_var":{"z":["u1"],"a":["u2","u3"]}"#))
    }

    @Test func codableRoundTripKeepsEveryField() throws {
        let result = ExecuteResult(status: .interrupted, promptID: "p", duration: 2, imagesByVar: ["a": ["u"]], textsByVar: ["t": ["x"]], outputs: ["1": ["text": ["x"]]], msg: "interrupted")
        let decoded = try JSONDecoder().decode(ExecuteResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test func everyStatusHasItsPythonSpelling() {
        #expect(RunStatus.allCases.map(\.rawValue) == ["completed", "error", "timeout", "interrupted"])
    }
}
