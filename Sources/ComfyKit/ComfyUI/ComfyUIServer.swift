import Foundation

/// A ComfyUI server's address: where its HTTP routes and `/ws` live, and which URLs share its origin.
public struct ComfyUIServer: Hashable, Sendable, CustomStringConvertible {
    /// The base URL, e.g. `http://127.0.0.1:8188` or `https://host/comfy` (no trailing slash).
    public let baseURL: URL

    /// A server at `baseURL`; trailing slashes are dropped, so `http://host:8188/` and `http://host:8188` are the same server.
    public init(baseURL: URL) {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        self.baseURL = URL(string: text) ?? baseURL
    }

    /// The base URL without user info or query, safe to print or log.
    public var description: String { baseURL.redactedForDisplay }

    /// `base + path`, with query items percent-encoded.
    public func url(_ path: String, query: [(String, String)] = []) -> URL {
        var text = baseURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { ViewURL.encode($0.0) + "=" + ViewURL.encode($0.1) }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    /// `ws(s)://host:port/path/ws?clientId=…`: `wss` exactly when the server is `https`.
    public func webSocketURL(clientID: String) -> String {
        var parts = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        parts.scheme = parts.scheme?.lowercased() == "https" ? "wss" : "ws"
        parts.path += "/ws"
        parts.percentEncodedQuery = "clientId=" + ViewURL.encode(clientID)
        parts.user = nil
        parts.password = nil
        return parts.string!
    }

    /// True when `url` has this server's scheme, host and port: only then may credentials go with it.
    public func isSameOrigin(_ url: URL) -> Bool {
        func key(_ u: URL) -> String? {
            guard let scheme = u.scheme?.lowercased(), let host = u.host?.lowercased() else { return nil }
            let port = u.port ?? (scheme == "https" ? 443 : 80)
            return "\(scheme)://\(host):\(port)"
        }
        return key(url) != nil && key(url) == key(baseURL)
    }
}
