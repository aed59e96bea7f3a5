import ComfyKit
import ComfyKitTesting

extension SecretFixtures {
    /// The API key and cookie as a ComfyKit configuration carries them.
    static let overrides = ComfyKitConfiguration.Overrides(
        comfyUIAPIKey: Secret(apiKey), cookies: .pairs([CookiePair(name: "session", value: Secret(cookie))]))
}
