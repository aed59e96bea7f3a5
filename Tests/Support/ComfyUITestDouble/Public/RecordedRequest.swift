import Foundation

/// One HTTP request (or WebSocket upgrade) the double received, for asserting on what a client sent.
///
/// ```swift
/// let prompts = await double.recordedRequests().filter { $0.path.hasSuffix("/prompt") }
/// #expect(prompts.allSatisfy { $0.header("Authorization") == nil })
/// ```
public struct RecordedRequest: Sendable {
    public var method: String
    /// Path and query as sent, e.g. `/api/view?filename=a.png&type=output`.
    public var path: String
    /// Header fields in the order received.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var isWebSocketUpgrade: Bool
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

/// A file received by `POST /upload/image` or `/upload/mask`.
public struct RecordedUpload: Sendable, Equatable {
    /// The filename the client sent in the multipart part.
    public var sentFilename: String
    /// The name the double answered with (`x (1).png` after a rename).
    public var storedName: String
    public var subfolder: String
    /// `input`, `temp` or `output`.
    public var type: String
    /// The part's `Content-Type`, if it had one.
    public var contentType: String?
    public var bytes: [UInt8]
    /// The form's `overwrite` field, if sent.
    public var overwrite: String?
}

/// Keeps what tests want to assert on.
actor RequestRecorder {
    private(set) var requests: [RecordedRequest] = []
    private(set) var uploads: [RecordedUpload] = []

    func record(_ request: RecordedRequest) { requests.append(request) }
    func record(_ upload: RecordedUpload) { uploads.append(upload) }

    func clear() {
        requests.removeAll()
        uploads.removeAll()
    }
}
