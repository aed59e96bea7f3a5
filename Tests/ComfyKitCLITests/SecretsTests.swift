import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// Keys and cookies reach the ComfyUI origin and nothing else: not `comfykit run`'s stdout or stderr.
/// (The library's events, results and dumps: `SecretsTests` in ComfyKitTests.)
@Suite struct SecretsTests {
    static let key = "sk-topsecret-4242"
    static let cookie = "cookie-topsecret-9999"

    @Test(arguments: [["run", "--json"], ["run"]])
    func theCLINeverPrintsTheKeyOrCookies(mode: [String]) async throws {
        try await withComfyUIDouble { double in
            for workflow in ["01_empty_image_save", "12_validation_error_bad_value", "11_execution_error"] {
                let params = workflow.hasPrefix("11") ? ["-p", "duration=0.5"] : ["-p", "width=\(workflow.hasPrefix("12") ? 0 : 8)", "-p", "height=8"]
                let output = try await Subprocess.run(
                    product: "comfykit", mode + [SharedFixtures.workflow(workflow).path, "--server", double.baseURL.absoluteString] + params,
                    environment: ["COMFYUI_API_KEY": Self.key, "COMFYUI_COOKIES": "session=\(Self.cookie)"])
                for text in [output.stdout, output.stderr] {
                    #expect(!text.contains(Self.key) && !text.contains(Self.cookie), "\(workflow): \(text)")
                }
            }
            #expect(await double.recordedRequests().contains { $0.header("Authorization") == "Bearer \(Self.key)" })
        }
    }
}
