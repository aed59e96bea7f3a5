import ComfyKit
import Foundation
import Testing

/// Keys and cookies reach the ComfyUI origin and nothing else: not stdout, stderr, events or dumps.
@Suite struct SecretsTests {
    static let key = "sk-topsecret-4242"
    static let cookie = "cookie-topsecret-9999"

    @Test(arguments: [["run", "--json"], ["run"]])
    func theCLINeverPrintsTheKeyOrCookies(mode: [String]) async throws {
        try await DoubleHarness.with { double, _ in
            for workflow in ["01_empty_image_save", "12_validation_error_bad_value", "11_execution_error"] {
                let params = workflow.hasPrefix("11") ? ["-p", "duration=0.5"] : ["-p", "width=\(workflow.hasPrefix("12") ? 0 : 8)", "-p", "height=8"]
                let output = try await CommandRunner.run(
                    "comfykit", mode + [Fixtures.workflowPath(workflow), "--server", double.baseURL.absoluteString] + params,
                    environment: ["COMFYUI_API_KEY": Self.key, "COMFYUI_COOKIES": "session=\(Self.cookie)"])
                for text in [output.stdout, output.stderr] {
                    #expect(!text.contains(Self.key) && !text.contains(Self.cookie), "\(workflow): \(text)")
                }
            }
            #expect(await double.recordedRequests().contains { $0.header("Authorization") == "Bearer \(Self.key)" })
        }
    }

    @Test func eventsResultsAndDumpsNeverHoldTheKey() async throws {
        try await DoubleHarness.with(overrides: .init(comfyUIAPIKey: Secret(Self.key), cookies: .pairs([CookiePair(name: "s", value: Secret(Self.cookie))]))) { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02")))
            #expect(outcome.result.status == .completed)
            var dumped = ""
            dump(kit, to: &dumped)
            let texts = events.map { JSONWriter.string($0.json) } + [outcome.result.jsonString(), "\(kit)", dumped, "\(kit.configuration)"]
            for text in texts {
                #expect(!text.contains(Self.key) && !text.contains(Self.cookie))
            }
        }
    }
}
