import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Hummingbird
import Testing

/// `comfykit` with the key and cookies in its environment: NDJSON events, plain output, errors and every
/// file it leaves (downloads, anything under HOME or the XDG folders) hold no secret.
/// (`SecretsTests` covers `run` and `run --json` on completed, refused and failed prompts.)
@Suite struct CLISecretsTests {
    /// A HOME and XDG folders of the test's own, so any state file the CLI wrote would be found.
    static func sandbox(_ root: URL) -> [String: String] {
        ["HOME": root.path, "XDG_STATE_HOME": root.appendingPathComponent("state").path,
         "XDG_CONFIG_HOME": root.appendingPathComponent("config").path, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
         "XDG_DATA_HOME": root.appendingPathComponent("data").path]
    }

    @Test func runJSONDownloadAndDownloadCommandLeaveNoSecretAnywhere() async throws {
        try await withTemporaryDirectory("ck-cli-sec") { root in
            try await leaveNoSecret(under: root)
        }
    }

    private func leaveNoSecret(under root: URL) async throws {
        let cookies = Router()
        cookies.get("cookies") { _, _ -> String in #"{"session": "\#(SecretFixtures.urlCookie)"}"# }
        try await withLocalHTTPServer(cookies) { cookieBase in
            try await withComfyUIDouble { double in
                let server = double.baseURL.absoluteString
                let environment = Self.sandbox(root).merging([
                    "COMFYUI_API_KEY": SecretFixtures.apiKey, "COMFYUI_COOKIES": "\(cookieBase)/cookies",
                ]) { $1 }
                var outputs: [ProcessOutput] = []
                outputs.append(try await Subprocess.run(product: "comfykit", [
                    "run", "--json", SharedFixtures.workflow("04_multi_output").path, "--server", server,
                    "-p", "image=\(SharedFixtures.media("comfykit_test.png").path)",
                    "--download", root.appendingPathComponent("out").path,
                ], environment: environment))
                let events = outputs[0].stdout.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
                let finished = try #require(events.last { $0["event"] == "finished" }, "\(outputs[0].stdout)")
                let promptID = try #require(finished["result"]?["prompt_id"]?.stringValue)
                outputs.append(try await Subprocess.run(product: "comfykit", ["download", promptID, "--to", root.appendingPathComponent("again").path, "--server", server], environment: environment))
                // Failures: a media URL that 404s, an unknown prompt, and a password in the server URL.
                outputs.append(try await Subprocess.run(product: "comfykit", [
                    "run", "--json", SharedFixtures.workflow("02_load_transform_save").path, "--server", server, "-p", "image=\(cookieBase)/nope.png",
                ], environment: environment))
                outputs.append(try await Subprocess.run(product: "comfykit", ["download", "no-such-prompt", "--to", root.appendingPathComponent("none").path, "--server", server], environment: environment))
                let withPassword = server.replacingOccurrences(of: "http://", with: "http://user:\(SecretFixtures.urlPassword)@")
                outputs.append(try await Subprocess.run(product: "comfykit", ["run", SharedFixtures.workflow("01_empty_image_save").path, "--server", withPassword, "-p", "width=8", "-p", "height=8"], environment: environment))

                #expect(outputs.map(\.status) == [0, 0, 1, 1, outputs[4].status] && outputs[4].status != 0, "\(outputs.map(\.stderr))")
                #expect(outputs[4].stderr.contains("without user:password"))
                for output in outputs {
                    #expect(SecretFixtures.leaked(in: output.stdout + output.stderr).isEmpty, "\(output.stdout)\n\(output.stderr)")
                }
                #expect(await double.recordedRequests().allSatisfy { $0.header("Cookie") == "session=\(SecretFixtures.urlCookie)" })
            }
        }
        let saved = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path)
        #expect(saved.count == 7)
        #expect(SecretFixtures.leaked(under: root).isEmpty)
    }
}
