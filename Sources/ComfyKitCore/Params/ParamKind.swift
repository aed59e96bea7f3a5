/// What kind of value a param takes, inferred from the node's literal or its `~` marker.
public enum ParamKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// A whole number (seeds, steps, sizes).
    case int
    /// A number with a fraction (cfg, denoise).
    case float
    /// `true` or `false`.
    case bool
    /// Text (prompts, combo choices, file names that need no upload).
    case string
    /// A file to upload (local path or URL), or a filename already on the server.
    case media

    /// The kind of a JSON literal: bool before int, as in Python; anything else is a string.
    public static func inferred(from value: JSONValue?) -> ParamKind {
        switch value {
        case .bool?: .bool
        case .number(let n)?: n.isInteger ? .int : .float
        default: .string
        }
    }
}
