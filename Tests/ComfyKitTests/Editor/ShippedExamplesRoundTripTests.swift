import ComfyKit
import Foundation
import Testing

/// Every shipped example, written out as the editor would save it (nodes, links, widget values in the server's widget
/// order, `control_after_generate` after a seed), converts back to exactly the API prompt it came from.
@Suite struct ShippedExamplesRoundTripTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../examples/workflows").standardized

    static var files: [String] {
        let all = FileManager.default.enumerator(atPath: examples.path)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".json") }.sorted()
    }

    static let catalog: WidgetCatalog = {
        let url = EditorConverterTests.folder.appendingPathComponent("object_info.json")
        let document = (try? JSONValue(parsing: Array(Data(contentsOf: url))).objectValue) ?? [:]
        return WidgetCatalog(document)
    }()

    @Test func everyExampleIsCovered() {
        #expect(Self.files.count >= 8)
    }

    static func sorted(_ object: JSONObject) -> [String: JSONValue] {
        Dictionary(object.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test(arguments: files)
    func anExampleSavedByTheEditorConvertsBackToItself(file: String) throws {
        let data = try Data(contentsOf: Self.examples.appendingPathComponent(file))
        let prompt = try #require(try JSONValue(parsing: Array(data)).objectValue)
        let editor = try EditorFileWriter(catalog: Self.catalog).document(for: prompt)
        #expect(EditorConverter.isEditorFormat(editor))

        let converted = try EditorConverter(catalog: Self.catalog).prompt(for: editor, source: file)
        #expect(converted.keys.sorted() == prompt.keys.sorted())
        for (id, node) in prompt {
            #expect(converted[id]?["class_type"] == node["class_type"], "\(file) node \(id) class")
            // The order of inputs means nothing to the server (the frontend sends widgets first); the one addition is the
            // audio widget the frontend sends for its audio nodes (`audioUI`, as in the recorded audio template).
            var expected = Self.sorted(node["inputs"]?.objectValue ?? [:])
            let classType = node["class_type"]?.stringValue ?? ""
            if ["SaveAudio", "SaveAudioMP3", "SaveAudioOpus", "PreviewAudio"].contains(classType) { expected["audioUI"] = "" }
            #expect(Self.sorted(converted[id]?["inputs"]?.objectValue ?? [:]) == expected, "\(file) node \(id) inputs")
            #expect(converted[id]?["_meta"]?["title"] == node["_meta"]?["title"], "\(file) node \(id) title")
        }
    }
}

/// Writes an API prompt in the editor's format, as the ComfyUI editor saves a graph: what the converter reads back.
struct EditorFileWriter {
    let catalog: WidgetCatalog

    struct UnknownClass: Error { let classType: String }

    func document(for prompt: JSONObject) throws -> JSONObject {
        var links: [JSONValue] = []
        var outputLinks: [String: [Int: [JSONValue]]] = [:]  // origin node id → slot → link ids
        var nodes: [(id: String, object: JSONObject)] = []
        for (id, node) in prompt {
            let classType = node["class_type"]?.stringValue ?? ""
            guard let nodeClass = catalog.classes[classType] else { throw UnknownClass(classType: classType) }
            let inputs = node["inputs"]?.objectValue ?? [:]
            var widgetValues: [JSONValue] = []
            var widgetNames: Set<String> = []
            for widget in nodeClass.widgets {
                guard widget.isSent else { widgetValues.append("fixed"); continue }  // control_after_generate
                widgetNames.insert(widget.name)
                let value = inputs[widget.name]
                widgetValues.append(value.flatMap { Self.link($0) == nil ? $0 : nil } ?? widget.defaultValue ?? .null)
            }
            var slots: [JSONValue] = []
            for (name, value) in inputs {
                guard let (origin, slot) = Self.link(value) else { continue }
                let linkID = links.count + 1
                links.append(JSONValue.array([.int(linkID), .int(Int(origin) ?? 0), .int(slot), .int(Int(id) ?? 0), .int(slots.count), .string("*")]))
                outputLinks[origin, default: [:]][slot, default: []].append(.int(linkID))
                var input: JSONObject = ["name": .string(name), "type": "*", "link": .int(linkID)]
                if widgetNames.contains(name) { input["widget"] = ["name": .string(name)] }
                slots.append(.object(input))
            }
            var object: JSONObject = [
                "id": .int(Int(id) ?? 0), "type": .string(classType), "mode": 0,
                "inputs": .array(slots), "widgets_values": .array(widgetValues),
            ]
            if let title = node["_meta"]?["title"]?.stringValue, title != nodeClass.displayName { object["title"] = .string(title) }
            nodes.append((id, object))
        }
        let nodeList: [JSONValue] = nodes.map { id, object in
            var object = object
            let slots = outputLinks[id] ?? [:]
            let count = (slots.keys.max() ?? -1) + 1
            object["outputs"] = .array((0..<count).map { slot in ["type": "*", "links": .array(slots[slot] ?? [])] })
            return .object(object)
        }
        return ["last_node_id": .int(nodes.count), "last_link_id": .int(links.count), "nodes": .array(nodeList), "links": .array(links), "version": 0.4]
    }

    static func link(_ value: JSONValue) -> (String, Int)? {
        guard let pair = value.arrayValue, pair.count == 2, let origin = pair[0].stringValue, let slot = pair[1].intValue else { return nil }
        return (origin, slot)
    }
}
