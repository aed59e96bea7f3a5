import Foundation

extension URL {
    /// The URL without user info or query, for messages: both may carry credentials.
    package var redactedForDisplay: String {
        guard var parts = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "<url>" }
        parts.user = nil
        parts.password = nil
        let hadQuery = parts.query != nil
        parts.query = nil
        parts.fragment = nil
        return (parts.string ?? "<url>") + (hadQuery ? "?…" : "")
    }
}
