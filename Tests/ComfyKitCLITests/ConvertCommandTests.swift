import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// `comfykit convert`, run as a user runs it.
@Suite struct ConvertCommandTests {
    private func editorFile(_ name: String) -> String {
        SharedFixtures.editorFormatDirectory.appendingPathComponent(name).path
    }

    private func expected(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: Array(Data(contentsOf: SharedFixtures.editorFormatDirectory.appendingPathComponent(name + ".api.json"))))
    }

    @Test func anEditorFilePrintsThePromptTheFrontendSends() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["convert", editorFile("sdxl_refiner_prompt_example.json"), "--object-info", editorFile("object_info.json")])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try JSONValue(parsing: output.stdout) == expected("sdxl_refiner_prompt_example"))
    }

    @Test func theServersObjectInfoNamesTheWidgetsAndOutputGoesToAFile() async throws {
        try await withComfyUIDouble { server in
            try await withTemporaryDirectory("ck-convert") { folder in
                let out = folder.appendingPathComponent("default.api.json").path
                let output = try await Subprocess.run(product: "comfykit", ["convert", editorFile("default.json"), "--server", server.baseURL.absoluteString, "-o", out])
                #expect(output.status == 0, "\(output.stderr)")
                #expect(output.stdout.isEmpty)
                #expect(try JSONValue(parsing: Array(Data(contentsOf: URL(fileURLWithPath: out)))) == expected("default"))
            }
        }
    }

    @Test func anAPIFileOrAnUnreachableServerIsOneErrorLine() async throws {
        let api = try await Subprocess.run(product: "comfykit", ["convert", editorFile("default.api.json"), "--object-info", editorFile("object_info.json")])
        #expect(api.status == 1)
        #expect(api.stderr.contains("already an API-format workflow"))
        let offline = try await Subprocess.run(product: "comfykit", ["convert", editorFile("default.json"), "--server", "http://127.0.0.1:1"])
        #expect(offline.status == 1)
        #expect(offline.stderr.contains("GET /object_info: connection refused"), "\(offline.stderr)")
        #expect(offline.stderr.split(separator: "\n").count == 1)
    }
}
