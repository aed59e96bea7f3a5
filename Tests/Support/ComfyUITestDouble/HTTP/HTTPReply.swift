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
