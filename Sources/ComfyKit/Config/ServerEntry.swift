import Foundation

/// One ComfyUI server runs may go to: its name (from `servers.toml`, else its URL as shown), its base URL and
/// the credentials sent to its origin only.
public struct ServerEntry: Hashable, Sendable, CustomStringConvertible {
    /// How reports, sweep events and the run history name the server: `box1`, or `http://box1:8188`.
    public var name: String
    /// The server's base URL (no user info, no query).
    public var baseURL: URL
    /// The Comfy.org API-nodes key sent to this server's origin; `nil` sends none.
    public var apiKey: Secret?
    /// Cookies sent to this server's origin; `nil` sends none.
    public var cookies: CookieSource?

    /// A server named `name` (its URL as shown when `nil`), with the credentials for its origin.
    public init(name: String? = nil, baseURL: URL, apiKey: Secret? = nil, cookies: CookieSource? = nil) {
        self.name = name ?? baseURL.redactedForDisplay
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.cookies = cookies
    }

    /// `name (url)`, or the URL alone for an unnamed server; never a credential.
    public var description: String {
        name == baseURL.redactedForDisplay ? name : "\(name) (\(baseURL.redactedForDisplay))"
    }
}

/// A server as a user names it (`--server`, `COMFYUI_BASE_URL`): a URL, `host:port`, a name from `servers.toml`, or
/// `runninghub`.
public enum ServerReference: Hashable, Sendable {
    /// An http(s) base URL.
    case url(URL)
    /// A `[servers.NAME]` table of `servers.toml`.
    case named(String)
    /// `runninghub`: RunningHub as one more server to route to (``ComfyKitConfiguration/runningHubRouting``).
    case runningHub

    /// Reads `text`: a word of letters, digits, `-` and `_` that starts with a letter is a name; anything else must be
    /// a server URL (`variable` names the setting in the error).
    public init(parsing text: String, variable: String = "--server") throws(ConfigError) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.lowercased() == ServerReference.runningHubName {
            self = .runningHub
        } else if ServerReference.isName(trimmed) {
            self = .named(trimmed)
        } else {
            self = .url(try ComfyKitConfiguration.baseURL(trimmed, variable: variable))
        }
    }

    /// A server as routing reports name it (``ComfyKit/serverNames``), short enough for a line of several: `host:port`
    /// for a URL, a `servers.toml` name as it is.
    public static func shortName(_ name: String) -> String {
        guard let scheme = name.range(of: "://") else { return name }
        let rest = name[scheme.upperBound...]
        return String(rest.hasSuffix("/") ? rest.dropLast() : rest)
    }

    /// The word that names RunningHub among the servers; no `servers.toml` table can take it.
    public static let runningHubName = "runninghub"

    /// A name has no `:` or `/` and is not an address (`localhost`, a dotted IP or host), so `box1` is a name
    /// and `box1:8188` is a URL.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, CharacterSet.letters.contains(first), text != "localhost" else { return false }
        return text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
    }
}

extension ComfyKitConfiguration {
    /// This configuration for `entry` alone: its URL and its own credentials, every other setting kept. A kit over
    /// several servers is made of one such kit per server, and so is a probe of one of them.
    public func only(_ entry: ServerEntry) -> ComfyKitConfiguration {
        var single = self
        single.comfyUIBaseURL = entry.baseURL
        single.comfyUIAPIKey = entry.apiKey
        single.cookies = entry.cookies
        single.servers = [entry]
        return single
    }
}
