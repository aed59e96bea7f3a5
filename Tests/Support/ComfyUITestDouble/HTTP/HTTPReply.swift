import Foundation

/// An HTTP answer, shaped like aiohttp's: JSON with `application/json; charset=utf-8`, bare statuses with
/// an empty body, streamed files.
struct HTTPReply: Sendable {
    enum Body: Sendable {
        case empty
        case bytes([UInt8])
        case stream(MediaChunks, length: Int)
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: Body = .empty

    static func status(_ code: Int) -> HTTPReply { HTTPReply(status: code) }

    static func json(_ value: JSONValue, status: Int = 200) -> HTTPReply {
        HTTPReply(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: .bytes(JSONWriter.bytes(value)))
    }

    static func text(_ text: String, status: Int) -> HTTPReply {
        HTTPReply(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array(text.utf8)))
    }

    /// aiohttp's answer when a handler raises: what ComfyUI sends for a non-JSON `POST /prompt` body.
    static let internalError = text("500 Internal Server Error\n\nServer got itself in trouble", status: 500)
    static let notFound = text("404: Not Found", status: 404)
    static let methodNotAllowed = text("405: Method Not Allowed", status: 405)
}

/// A request as the routes see it: `/api` already stripped from the path, the query split.
struct IncomingRequest: Sendable {
    var method: String
    /// Path without the `/api` prefix and without the query.
    var route: String
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `await request.json()`: nil when the body is not JSON.
    var json: JSONValue? { try? JSONParser.parse(body) }
}

/// `application/x-www-form-urlencoded` query parsing, as aiohttp's `rel_url.query` does it.
enum QueryString {
    static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        let plusDecoded = text.replacingOccurrences(of: "+", with: " ")
        return plusDecoded.removingPercentEncoding ?? plusDecoded
    }
}
