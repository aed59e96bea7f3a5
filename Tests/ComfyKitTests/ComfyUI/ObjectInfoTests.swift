import ComfyKit
import Foundation
import Testing

/// `GET /object_info` read into combo choices, ranges and defaults, from the recorded document and the double.
@Suite struct ObjectInfoTests {
    static let recorded: ObjectInfo = {
        let url = Fixtures.sharedDir.appendingPathComponent("comfyui/object_info.json")
        guard let data = try? Data(contentsOf: url), case .object(let document)? = try? JSONValue(parsing: Array(data)) else {
            return ObjectInfo(classes: [:])
        }
        return ObjectInfo(document)
    }()

    @Test func numericInputsKeepTheirRangeAndDefault() throws {
        let steps = try #require(Self.recorded.input(classType: "KSampler", name: "steps"))
        #expect(steps.type == "INT" && steps.min == 1 && steps.max == 10000 && steps.defaultValue == 20)
        let cfg = try #require(Self.recorded.input(classType: "KSampler", name: "cfg"))
        #expect(cfg.type == "FLOAT" && cfg.min == 0 && cfg.max == 100)
        // The seed's maximum is 2^64 − 1, wider than Int: kept as a Double bound.
        #expect(Self.recorded.input(classType: "KSampler", name: "seed")?.maximum?.literal == "18446744073709551615")
    }

    @Test func bothComboDialectsGiveTheirChoicesInOrder() throws {
        let legacy = try #require(Self.recorded.input(classType: "ImageScale", name: "upscale_method"))
        #expect(legacy.type == "COMBO")
        #expect(legacy.choices == ["nearest-exact", "bilinear", "area", "bicubic", "lanczos"])
        let modern = try #require(Self.recorded.input(classType: "WanImageToVideoApi", name: "resolution"))
        #expect(modern.choices == ["480P", "720P", "1080P"] && modern.defaultValue == "480P")
        #expect(Self.recorded.input(classType: "ImageScale", name: "width")?.choices == nil)
    }

    @Test func promptInputsAreMultiline() {
        #expect(Self.recorded.input(classType: "CLIPTextEncode", name: "text")?.isMultiline == true)
        #expect(Self.recorded.input(classType: "SaveImage", name: "filename_prefix")?.isMultiline == false)
    }

    @Test func aParamGetsTheInputItIsBoundTo() throws {
        let spec = try Fixtures.spec("02_load_transform_save")
        let method = try #require(spec.params.first { $0.name == "method" })
        #expect(Self.recorded.input(for: method)?.choices?.contains("bilinear") == true)
        let width = try #require(spec.params.first { $0.name == "width" })
        #expect(Self.recorded.input(for: width)?.min == 0)
    }

    @Test func aFanOutParamMustSuitEveryInput() {
        let a = Binding(nodeID: "1", field: "upscale_method", classType: "ImageScale", isMedia: false, currentValue: nil)
        let b = Binding(nodeID: "2", field: "upscale_method", classType: "ImageScaleBy", isMedia: false, currentValue: nil)
        let info = ObjectInfo(classes: [
            "ImageScale": ["upscale_method": InputInfo(type: "COMBO", choices: ["area", "bicubic", "bilinear"])],
            "ImageScaleBy": ["upscale_method": InputInfo(type: "COMBO", choices: ["bilinear", "area", "lanczos"])],
            "EmptyImage": ["width": InputInfo(type: "INT", minimum: JSONNumber(1), maximum: JSONNumber(16384))],
            "ImageScale2": ["width": InputInfo(type: "INT", minimum: JSONNumber(0), maximum: JSONNumber(8192))],
        ])
        let method = ParamSpec(name: "m", kind: .string, isRequired: false, defaultValue: nil, bindings: [a, b], description: nil)
        #expect(info.input(for: method)?.choices == ["area", "bilinear"])
        let width = ParamSpec(name: "w", kind: .int, isRequired: false, defaultValue: nil, bindings: [
            Binding(nodeID: "1", field: "width", classType: "EmptyImage", isMedia: false, currentValue: nil),
            Binding(nodeID: "2", field: "width", classType: "ImageScale2", isMedia: false, currentValue: nil),
        ], description: nil)
        #expect(info.input(for: width)?.min == 1 && info.input(for: width)?.max == 8192)
        let unknown = ParamSpec(name: "x", kind: .int, isRequired: false, defaultValue: nil, bindings: [
            Binding(nodeID: "9", field: "x", classType: "NoSuchNode", isMedia: false, currentValue: nil),
        ], description: nil)
        #expect(info.input(for: unknown) == nil)
    }

    @Test func theClientFetchesTheServersCatalogWithItsOwnFiles() async throws {
        try await DoubleHarness.with { _, kit in
            let info = ObjectInfo(try await kit.client.objectInfo())
            #expect(info.classes.count > 400)
            // The double fills the folder-backed combos as a server with these files would.
            #expect(info.input(classType: "CheckpointLoaderSimple", name: "ckpt_name")?.choices == ["comfykit-random-sd15.safetensors"])
            #expect(info.input(classType: "LoadImage", name: "image")?.choices?.contains("comfykit_test.png") == true)
        }
    }
}
