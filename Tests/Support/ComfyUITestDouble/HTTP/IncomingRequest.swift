import Foundation

/// A request as the routes see it: `/api` already stripped from the path, the query split.
struct IncomingRequest: Sendable {
    var method: String
    /// Path without the `/api` prefix and without the query.
    var route: String
    /// Whether the path began with `/api/` (newer servers have some routes only there).
    var apiPrefixed = false
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
