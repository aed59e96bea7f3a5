import AsyncHTTPClient
import Foundation

/// The API key and cookies sent to the ComfyUI origin (and nowhere else).
///
/// Cookies given as a URL are fetched once, on first use, without credentials; the Python ComfyKit
/// fetched them before every request.
actor Credentials {
    let apiKey: Secret?
    private let source: CookieSource?
    private let httpClient: HTTPClient
    private var resolved: Secret??

    init(apiKey: Secret?, cookies: CookieSource?, httpClient: HTTPClient) {
        self.apiKey = apiKey
        self.source = cookies
        self.httpClient = httpClient
    }

    /// The `Cookie` header value, if any.
    func cookieHeader() async throws -> Secret? {
        if let resolved { return resolved }
        var header: Secret? = nil
        switch source {
        case nil: header = nil
        case .pairs(let pairs)?: header = pairs.isEmpty ? nil : Secret(CookiePair.header(pairs))
        case .url(let url)?:
            let response = try await httpClient.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(30))
            guard response.status == .ok else {
                throw ComfyUIError.badResponse(endpoint: "COMFYUI_COOKIES \(url.redactedForDisplay)", reason: "HTTP \(response.status.code)")
            }
            let body = try await response.body.collect(upTo: 1 << 20)
            let pairs = try CookieSource.parseBody(String(buffer: body))
            header = pairs.isEmpty ? nil : Secret(CookiePair.header(pairs))
        }
        resolved = .some(header)
        return header
    }
}
