import ComfyKit
import Foundation
import Testing

/// Keys and cookies reach the ComfyUI origin and nothing else: not events, results or dumps of the library.
/// (The CLI's output: `SecretsTests` in ComfyKitCLITests.)
@Suite struct SecretsTests {
    static let key = "sk-topsecret-4242"
    static let cookie = "cookie-topsecret-9999"

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
