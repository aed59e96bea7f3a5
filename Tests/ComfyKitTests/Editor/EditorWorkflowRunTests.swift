import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Editor-format files through the library: converted with the server's `/object_info`, remembered on disk.
@Suite struct EditorWorkflowRunTests {
    private func editorFile(_ name: String) -> String {
        SharedFixtures.editorFormatDirectory.appendingPathComponent(name).path
    }

    private func expectedPrompt(_ name: String) throws -> JSONObject {
        try #require(try JSONValue(parsing: Array(Data(contentsOf: SharedFixtures.editorFormatDirectory.appendingPathComponent(name + ".api.json")))).objectValue)
    }

    @Test func anEditorFileRunsAsThePromptTheFrontendWouldSend() async throws {
        try await DoubleHarness.with { double, kit in
            let result = await kit.execute(.file(path: editorFile("default.json")))
            // The double knows other checkpoints than the template names: it refuses the model, after the prompt arrived.
            #expect(result.status == .error)
            let posted = try #require(await double.recordedRequests().first { $0.route == "/prompt" && $0.method == "POST" })
            let prompt = try #require(try JSONValue(parsing: posted.body)["prompt"]?.objectValue)
            let expected = try expectedPrompt("default")
            #expect(prompt.keys == expected.keys)
            for (id, node) in expected {
                #expect(prompt[id]?["class_type"] == node["class_type"])
                #expect(prompt[id]?["inputs"] == node["inputs"], "node \(id)")
            }
        }
    }

    @Test func titlesKeepTheirDSLMarkers() async throws {
        var document = try #require(try JSONValue(parsing: Array(Data(contentsOf: URL(fileURLWithPath: editorFile("default.json"))))).objectValue)
        var nodes = try #require(document["nodes"]?.arrayValue)
        let index = try #require(nodes.firstIndex { $0["id"] == 6 })
        var positive = try #require(nodes[index].objectValue)
        positive["title"] = "Prompt, $prompt.text!"
        nodes[index] = .object(positive)
        document["nodes"] = .array(nodes)
        try await DoubleHarness.with { _, kit in
            let spec = try await kit.inspect(.json(.object(document), name: "default"))
            let param = try #require(spec.params.first { $0.name == "prompt" })
            #expect(param.isRequired)
            #expect(param.bindings.map(\.nodeID) == ["6"])
        }
    }

    @Test func theServersObjectInfoIsKeptOnDiskAndServesWhenTheServerIsAway() async throws {
        try await withTemporaryDirectory("ck-cache") { cache in
            let baseURL = try await withComfyUIDouble { double in
                let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL, cacheDirectory: cache), environment: [:]))
                _ = try await kit.load(.file(path: editorFile("default.json")))
                await kit.close()
                return double.baseURL
            }
            // The server is gone; a new kit (say, the next day) still reads the file.
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: baseURL, cacheDirectory: cache), environment: [:]))
            let loaded = try await kit.load(.file(path: editorFile("default.json")))
            await kit.close()
            #expect(loaded.workflow.nodes.count == 7)
            let files = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("object-info").path)
            #expect(files == ["127.0.0.1_\(baseURL.port ?? 0).json"])
        }
    }

    @Test func withoutServerOrCopyTheErrorSaysWhatItNeeds() async throws {
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:1")!), environment: [:]))
        let result = await kit.execute(.file(path: editorFile("default.json")))
        await kit.close()
        #expect(result.status == .error)
        #expect(result.msg?.contains("needs a ComfyUI server's /object_info (cannot reach ComfyUI at http://127.0.0.1:1: GET /object_info: connection refused)") == true, "\(result.msg ?? "")")
    }
}
