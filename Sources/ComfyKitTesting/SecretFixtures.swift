import Foundation

/// Credentials with values that appear nowhere else, so finding one in any text is a leak.
public enum SecretFixtures {
    /// A ComfyUI API key.
    public static let apiKey = "sk-sec-KEY-7781"
    /// A session cookie given as a name and value.
    public static let cookie = "ck-sec-COOKIE-5523"
    /// A session cookie fetched from a cookies URL.
    public static let urlCookie = "ck-sec-URLCOOKIE-3141"
    /// A password in a server URL.
    public static let urlPassword = "pw-sec-URL-2718"
    /// Every secret above.
    public static var all: [String] { [apiKey, cookie, urlCookie, urlPassword] }

    /// The `secrets` `text` contains, if any.
    public static func leaked(in text: String, secrets: [String] = all) -> [String] { secrets.filter { text.contains($0) } }

    /// The `secrets` in any file under `folder` (names and bytes), with the file that holds each.
    public static func leaked(under folder: URL, secrets: [String] = all) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let file as URL in walker {
            let bytes = (try? Data(contentsOf: file)) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self) + file.path
            found += leaked(in: text, secrets: secrets).map { "\($0) in \(file.path)" }
        }
        return found
    }
}
