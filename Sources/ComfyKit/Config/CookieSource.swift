import Foundation

/// ComfyUI cookies as `COMFYUI_COOKIES` gives them: `a=1; b=2`, a JSON object, or a
/// URL whose body is one of those (fetched once, not before every request as in the Python ComfyKit).
public enum CookieSource: Hashable, Sendable {
    /// Cookie pairs in order.
    case pairs([CookiePair])
    /// A URL that serves the cookies.
    case url(URL)

    /// Reads the setting; a JSON object that is not a flat object of scalars is an error.
    public init(parsing text: String) throws(ConfigError) {
        let trimmed = text.trimmingWhitespace()
        if let url = WorkflowSource.httpURL(trimmed) {
            self = .url(url)
        } else {
            self = .pairs(try CookieSource.parseBody(trimmed))
        }
    }

    /// Parses a cookie body: a JSON object (`{"session": "abc"}`) or `k=v; k2=v2` pairs.
    /// Pieces without `=` are skipped; keys and values are trimmed.
    public static func parseBody(_ text: String) throws(ConfigError) -> [CookiePair] {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("{") {
            guard case .object(let object)? = try? JSONValue(parsing: trimmed) else {
                throw ConfigError.invalid(variable: "COMFYUI_COOKIES", value: nil, expected: "a JSON object of cookie names and values")
            }
            return object.compactMap { key, value in
                switch value {
                case .string(let s): CookiePair(name: key, value: Secret(s))
                case .number, .bool: CookiePair(name: key, value: Secret(value.displayText))
                default: nil
                }
            }
        }
        return trimmed.split(separator: ";").compactMap { piece in
            guard let eq = piece.firstIndex(of: "=") else { return nil }
            let name = String(piece[..<eq]).trimmingWhitespace()
            guard !name.isEmpty else { return nil }
            return CookiePair(name: name, value: Secret(String(piece[eq...].dropFirst()).trimmingWhitespace()))
        }
    }
}

/// One cookie; the value is a secret.
public struct CookiePair: Hashable, Sendable {
    /// The cookie's name, trimmed.
    public let name: String
    /// The cookie's value, trimmed; it prints as `<redacted>`.
    public let value: Secret

    /// A cookie to send as `name=value`.
    public init(name: String, value: Secret) {
        self.name = name
        self.value = value
    }

    /// `a=1; b=2`, the `Cookie` header value.
    public static func header(_ pairs: [CookiePair]) -> String {
        pairs.map { "\($0.name)=\($0.value.value)" }.joined(separator: "; ")
    }
}
