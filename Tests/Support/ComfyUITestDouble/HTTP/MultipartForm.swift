import Foundation

/// A parsed `multipart/form-data` body (RFC 7578): text fields and file parts.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    var parts: [Part]

    init(parts: [Part]) { self.parts = parts }

    /// The first part with this name, like aiohttp's `post.get(name)`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Parses `body` using the boundary from `contentType`; nil when it is not well-formed multipart.
    init?(body: [UInt8], contentType: String?) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: body, from: 0) else { return nil }
        while true {
            position += delimiter.count
            if body[position...].starts(with: Array("--".utf8)) { break }
            guard body[position...].starts(with: [13, 10]) else { return nil }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                  let next = Self.find([13, 10] + delimiter, in: body, from: headerEnd + 4) else { return nil }
            let headerText = String(decoding: body[position..<headerEnd], as: UTF8.self)
            var part = Part(name: "", filename: nil, contentType: nil, body: Array(body[(headerEnd + 4)..<next]))
            for line in headerText.components(separatedBy: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                let value = pieces[1].trimmingCharacters(in: .whitespaces)
                switch pieces[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "content-disposition":
                    part.name = Self.parameter("name", in: value) ?? ""
                    part.filename = Self.parameter("filename", in: value)
                case "content-type": part.contentType = value
                default: break
                }
            }
            parts.append(part)
            position = next + 2
        }
        self.parts = parts
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
