import ComfyKit
import Foundation
import Testing

/// Editor-format files against what the real ComfyUI frontend 1.27.10 sent for them (`NAME.api.json`),
/// given the `/object_info` of the ComfyUI 0.3.64 it was served by.
@Suite struct EditorConverterTests {
    static let folder = Fixtures.sharedDir.appendingPathComponent("comfyui/editor-format")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".api.json") && $0 != "object_info.json" }
            .map { String($0.dropLast(5)) }.sorted()
    }

    static func load(_ file: String) throws -> JSONObject {
        try #require(try JSONValue(parsing: Array(Data(contentsOf: folder.appendingPathComponent(file)))).objectValue)
    }

    static let converter: EditorConverter = {
        let objectInfo = (try? load("object_info.json")) ?? [:]
        return EditorConverter(catalog: WidgetCatalog(objectInfo))
    }()

    @Test func theSetIsThere() {
        #expect(Self.names.count == 20)
    }

    @Test(arguments: names)
    func theConverterSendsWhatTheFrontendSends(name: String) throws {
        let document = try Self.load(name + ".json")
        #expect(EditorConverter.isEditorFormat(document))
        let expected = try Self.load(name + ".api.json")
        let prompt = try Self.converter.prompt(for: document, source: name)
        #expect(prompt.keys == expected.keys, "node ids, in order")
        for (id, node) in expected {
            #expect(prompt[id] == node, "node \(id): \(prompt[id].map { "\($0)" } ?? "missing") != \(node)")
        }
    }

    @Test func anUntitledNodeTheServerLeavesUnnamedGetsTheFrontendsEnglishName() throws {
        // image2image's node 18 has no title; 0.3.64's /object_info gives ImageScaleToTotalPixels no display_name.
        let prompt = try Self.converter.prompt(for: try Self.load("image2image.json"), source: "image2image")
        #expect(prompt["18"]?["_meta"]?["title"] == "Scale Image to Total Pixels")
        #expect(prompt["18"]?["class_type"] == "ImageScaleToTotalPixels")
    }

    @Test func aBypassedLoraIsLeftOutAndItsConsumersReadWhatFedIt() throws {
        // lora.json chains two LoraLoaders, 11 → 13 (bypassed) → the sampler and both prompts.
        let prompt = try Self.converter.prompt(for: try Self.load("lora.json"), source: "lora")
        #expect(prompt["13"] == nil)
        #expect(prompt["3"]?["inputs"]?["model"] == .array(["11", 0]))
        #expect(prompt["6"]?["inputs"]?["clip"] == .array(["11", 1]))
    }

    @Test func subgraphNodesGetTheFrontendsOuterColonInnerIds() throws {
        let prompt = try Self.converter.prompt(for: try Self.load("flux1_dev_uso_reference_image_gen.json"), source: "uso")
        #expect(prompt.keys.contains("55:52"))
        #expect(prompt["57:35"]?["inputs"]?["guidance"] == .double(3.5))
    }

    @Test func aNodeTheServerDoesNotKnowIsNamedInTheError() throws {
        var document = try Self.load("default.json")
        var nodes = try #require(document["nodes"]?.arrayValue)
        var first = try #require(nodes[0].objectValue)
        first["type"] = "MyCustomSampler"
        nodes[0] = .object(first)
        document["nodes"] = .array(nodes)
        #expect(throws: EditorConversionError.unknownNodeClass(source: "default", nodeID: "7", title: nil, classType: "MyCustomSampler", pack: nil)) {
            try Self.converter.prompt(for: document, source: "default")
        }
    }

    @Test func aCustomNodeIsNamedWithItsTitleAndThePackToInstall() throws {
        var document = try Self.load("default.json")
        var nodes = try #require(document["nodes"]?.arrayValue)
        var first = try #require(nodes[0].objectValue)
        first["type"] = "PixelPerfectResolution"
        first["title"] = "Resolution"
        first["properties"] = ["cnr_id": "comfyui_controlnet_aux", "ver": "59b027e"]
        nodes[0] = .object(first)
        document["nodes"] = .array(nodes)
        do {
            _ = try Self.converter.prompt(for: document, source: "default")
            Issue.record("converted a node the server does not know")
        } catch {
            #expect(error == .unknownNodeClass(source: "default", nodeID: "7", title: "Resolution", classType: "PixelPerfectResolution",
                                               pack: "comfyui_controlnet_aux"))
            #expect(error.description.contains("node 7 “Resolution” is a PixelPerfectResolution"))
            #expect(error.description.contains("custom-node pack comfyui_controlnet_aux"))
        }
    }

    @Test func aLinkToANodeOrLinkTheFileDoesNotHaveIsASpecificError() throws {
        let document = try Self.load("default.json")
        var links = try #require(document["links"]?.arrayValue)
        var first = try #require(links[0].arrayValue)
        let (linkID, target, slot) = (try #require(first[0].intValue), try #require(first[3].intValue), try #require(first[4].intValue))
        first[1] = 999
        links[0] = .array(first)
        var missingOrigin = document
        missingOrigin["links"] = .array(links)
        let nodes = try #require(document["nodes"]?.arrayValue)
        let consumer = try #require(nodes.first { $0["id"]?.intValue == target })
        let input = try #require(consumer["inputs"]?.arrayValue?[slot]["name"]?.stringValue)
        #expect(throws: EditorConversionError.linkFromMissingNode(source: "d", nodeID: String(target), input: input, origin: 999)) {
            try Self.converter.prompt(for: missingOrigin, source: "d")
        }
        var missingLink = document
        missingLink["links"] = .array(Array(links.dropFirst()))
        #expect(throws: EditorConversionError.unknownLink(source: "d", nodeID: String(target), input: input, link: linkID)) {
            try Self.converter.prompt(for: missingLink, source: "d")
        }
    }

    @Test func aFileWithoutNodesIsRefusedWithTheReason() {
        #expect(throws: EditorConversionError.malformed(source: "x", what: "no \"nodes\" list")) {
            try Self.converter.prompt(for: ["links": []], source: "x")
        }
    }
}
