import Foundation
import NIOHTTP1

/// The ComfyUI credentials and the one origin they may be sent to. Outputs can live on a CDN or
/// another host, which must never see the API key or the cookies.
struct CredentialScope: Sendable {
    let origin: Origin?
    let apiKey: Secret?
    let cookieHeader: Secret?

    init(origin: URL?, apiKey: Secret?, cookieHeader: Secret?) {
        self.origin = origin.flatMap(Origin.init)
        self.apiKey = apiKey
        self.cookieHeader = cookieHeader
    }

    /// Adds `Authorization: Bearer …` and `Cookie: …` when `url` is on the configured origin; nothing otherwise.
    /// Redirects need no care here: AsyncHTTPClient drops both headers when a redirect leaves the origin.
    func authorize(_ headers: inout HTTPHeaders, for url: URL) {
        guard let origin, Origin(url) == origin else { return }
        if let apiKey { headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        if let cookieHeader, !cookieHeader.value.isEmpty { headers.add(name: "Cookie", value: cookieHeader.value) }
    }
}

/// Scheme, host and port, with the scheme's default port filled in, compared case-insensitively.
struct Origin: Hashable, Sendable, CustomStringConvertible {
    let scheme: String
    let host: String
    let port: Int

    init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        guard let port = url.port ?? ["http": 80, "https": 443][scheme] else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    var description: String { "\(scheme)://\(host):\(port)" }
}
