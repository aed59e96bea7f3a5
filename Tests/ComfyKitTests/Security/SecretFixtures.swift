import ComfyKit
import Foundation

/// Credentials with values that appear nowhere else, so finding one in any text is a leak.
enum SecretFixtures {
    static let apiKey = "sk-sec-KEY-7781"
    static let cookie = "ck-sec-COOKIE-5523"
    static let urlCookie = "ck-sec-URLCOOKIE-3141"
    static let urlPassword = "pw-sec-URL-2718"
    static var all: [String] { [apiKey, cookie, urlCookie, urlPassword] }

    static let overrides = ComfyKitConfiguration.Overrides(
        comfyUIAPIKey: Secret(apiKey), cookies: .pairs([CookiePair(name: "session", value: Secret(cookie))]))

    /// The secrets `text` contains, if any.
    static func leaked(in text: String) -> [String] { all.filter { text.contains($0) } }

    /// The secrets in any file under `folder` (names and bytes), with the file that holds each.
    static func leaked(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let file as URL in walker {
            let bytes = (try? Data(contentsOf: file)) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self) + file.path
            found += leaked(in: text).map { "\($0) in \(file.path)" }
        }
        return found
    }
}
