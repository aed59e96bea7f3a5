import Foundation

/// One HTTP request (or WebSocket upgrade) the double received, for asserting on what a client sent.
///
/// ```swift
/// let prompts = await double.recordedRequests().filter { $0.path.hasSuffix("/prompt") }
/// #expect(prompts.allSatisfy { $0.header("Authorization") == nil })
/// ```
public struct RecordedRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// Path and query as sent, e.g. `/api/view?filename=a.png&type=output`.
    public var path: String
    /// Header fields in the order received.
    public var headers: [(name: String, value: String)]
    /// The raw request body.
    public var body: [UInt8]
    /// Whether this was the `GET /ws` upgrade request.
    public var isWebSocketUpgrade: Bool
    /// When the double received it.
    public var receivedAt: Date

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The path without its query.
    public var route: String { String(path.prefix { $0 != "?" }) }
}
