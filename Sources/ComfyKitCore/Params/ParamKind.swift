/// What kind of value a param takes, inferred from the node's literal or its `~` marker.
public enum ParamKind: String, Hashable, Sendable, CaseIterable, Codable {
    case int
    case float
    case bool
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
