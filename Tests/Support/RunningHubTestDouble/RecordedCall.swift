/// One request the double received.
public struct RecordedCall: Sendable, Hashable {
    public let method: String
    /// The path with its query, as sent.
    public let uri: String
    /// Header names lower-cased.
    public let headers: [String: String]
    /// The body as text (multipart bodies included).
    public let body: String

    public var path: String { String(uri.prefix { $0 != "?" }) }
}

/// One file received by `/task/openapi/upload`.
public struct RecordedUpload: Sendable, Hashable {
    /// Text fields (`apiKey`, …).
    public let fields: [String: String]
    public let filename: String
    public let size: Int
    /// The name the double stored it under (`api/<hash>.png`).
    public let storedName: String
}
