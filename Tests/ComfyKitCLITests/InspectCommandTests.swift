import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// `comfykit inspect`, run as a user runs it: the real binary, its output and exit code.
@Suite struct InspectCommandTests {
    @Test func everySharedWorkflowIsInspected() async throws {
        for name in SharedFixtures.workflowNames {
            let output = try await Subprocess.run(product: "comfykit", ["inspect", SharedFixtures.workflow(name).path])
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout.hasPrefix("Workflow \(name.dropLast(5)):"))
            #expect(output.stderr.isEmpty)
        }
    }

    @Test func theTableShowsKindRequiredDefaultAndBinding() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["inspect", SharedFixtures.workflow("02_load_transform_save").path])
        let lines = output.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("NAME KIND REQ DEFAULT BOUND TO"))
        #expect(lines.contains("image media * - 1.image (LoadImage)"))
        #expect(lines.contains("method string bilinear 3.upscale_method (ImageScale)"))
        #expect(lines.contains("result 5 SaveImage"))
    }

    @Test func jsonOutputIsTheSpec() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["inspect", "--json", SharedFixtures.workflow("09_text_output").path])
        #expect(output.status == 0)
        let json = try JSONValue(parsing: output.stdout)
        #expect(json["params"]?.arrayValue?.map { $0["name"]?.stringValue } == ["text", "suffix", "number"])
        #expect(json["params"]?.arrayValue?.first?["required"] == true)
        #expect(json["outputs"]?.arrayValue?.map { $0["name"]?.stringValue } == ["text", "number"])
    }

    @Test func wideCharactersKeepColumnsAligned() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cjk-\(UUID()).json").path
        try #"{"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "一只猫"}, "_meta": {"title": "$提示词.text, $x.text"}}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await Subprocess.run(product: "comfykit", ["inspect", path])
        let rows = output.stdout.split(separator: "\n").filter { $0.contains("1.text") }
        #expect(rows.count == 2)
        // "提示词" is 3 characters but 6 cells wide: the binding column starts at the same cell in both rows.
        let cells = rows.map { row in row.prefix { $0 != "1" }.reduce(0) { $0 + (($1.unicodeScalars.first!.value >= 0x4E00) ? 2 : 1) } }
        #expect(cells[0] == cells[1])
    }

    @Test(arguments: [
        ("{\"a\": }", "invalid JSON: unexpected '}', expected a value (line 1, column 7)"),
        ("{\"nodes\": [], \"links\": []}", "an editor-format workflow (\"nodes\" and \"links\"): turning it into the API format needs a ComfyUI server's /object_info"),
        ("{\"1\": {\"class_type\": \"A\", \"inputs\": {\"t\": [\"2\", 0]}, \"_meta\": {\"title\": \"$t\"}}}", "Parameter `t` has no default value"),
    ])
    func badInputIsOneErrorLineAndExitCode1(content: String, message: String) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // No server answers there and nothing is cached: an editor file cannot be read.
        let output = try await Subprocess.run(
            product: "comfykit", ["inspect", path],
            environment: ["COMFYUI_BASE_URL": "http://127.0.0.1:1", "XDG_CACHE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("no-cache-\(UUID())").path])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stderr.contains(message))
    }

    @Test func aMissingFileIsNamed() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["inspect", "no/such/flow.json"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("Workflow file does not exist: no/such/flow.json"))
    }

    @Test func aMissingArgumentIsAUsageError() async throws {
        let output = try await Subprocess.run(product: "comfykit", ["inspect"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("Missing expected argument '<workflow>'"))
    }
}
