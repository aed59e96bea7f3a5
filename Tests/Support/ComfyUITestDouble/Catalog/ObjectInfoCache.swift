import Foundation

/// Parses each object_info file once per process: the file is 500 KB and tests start many doubles.
actor ObjectInfoCache {
    static let shared = ObjectInfoCache()
    private var parsed: [String: JSONValue] = [:]

    func document(at url: URL) throws -> JSONValue {
        if let cached = parsed[url.path] { return cached }
        let value = try JSONParser.parse(Array(try Data(contentsOf: url)))
        parsed[url.path] = value
        return value
    }
}
