import Foundation

/// `netWssUrl`: a ws(s) URL whose query holds a credential (`Rh-Comfy-Auth`). It prints, debug-prints
/// and dumps without its query, so it cannot leak through logs, errors or `dump`.
public struct RunningHubSocketURL: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The full URL, for the one place that connects.
    public let url: URL

    /// Only ws(s) URLs with a host are accepted.
    public init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "ws" || scheme == "wss", url.host != nil else { return nil }
        self.url = url
    }

    /// The URL without its query, safe to print.
    public var description: String { url.redactedForDisplay }
    /// The URL without its query, safe to print.
    public var debugDescription: String { url.redactedForDisplay }
    /// Shows the URL without its query, so `dump` cannot leak the credential.
    public var customMirror: Mirror { Mirror(self, children: ["url": url.redactedForDisplay], displayStyle: .struct) }

    /// Replaces `Rh-Comfy-Auth=…` in text quoted from RunningHub (an answer echoed in an error or log).
    static func redactCredentials(_ text: String) -> String {
        guard text.contains("Rh-Comfy-Auth=") else { return text }
        return text.replacing(#/Rh-Comfy-Auth=[^&"\s\\]*/#, with: "Rh-Comfy-Auth=<redacted>")
    }
}
