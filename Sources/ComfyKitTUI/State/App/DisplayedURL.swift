import Foundation

/// A URL as the screen and the log may show it: credentials in it (`user:password@`) become `•••@`.
enum DisplayedURL {
    static func text(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false), parts.user != nil || parts.password != nil else {
            return url.absoluteString
        }
        parts.user = nil
        parts.password = nil
        let plain = parts.string ?? ""
        guard let schemeEnd = plain.range(of: "://") else { return plain }
        return plain.replacingCharacters(in: schemeEnd, with: "://•••@")
    }
}
