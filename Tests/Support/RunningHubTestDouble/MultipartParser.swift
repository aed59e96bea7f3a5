/// Splits a `multipart/form-data` body into text fields and one file.
struct MultipartParser {
    struct Part {
        let name: String
        let filename: String?
        let body: ArraySlice<UInt8>
    }

    static func boundary(in contentType: String) -> String? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        return String(contentType[range.upperBound...]).trimmingCharacters(in: ["\""])
    }

    static func parts(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        var starts: [Int] = []
        var i = 0
        while i + delimiter.count <= body.count {
            if body[i] == delimiter[0], Array(body[i..<(i + delimiter.count)]) == delimiter {
                starts.append(i)
                i += delimiter.count
            } else {
                i += 1
            }
        }
        for (n, start) in starts.enumerated().dropLast() {
            var from = start + delimiter.count + 2  // CRLF after the delimiter
            let to = starts[n + 1] - 2  // CRLF before the next delimiter
            guard from < to else { continue }
            var headerEnd = from
            while headerEnd + 3 < to, !(body[headerEnd] == 13 && body[headerEnd + 1] == 10 && body[headerEnd + 2] == 13 && body[headerEnd + 3] == 10) {
                headerEnd += 1
            }
            let headers = String(decoding: body[from..<headerEnd], as: UTF8.self)
            from = headerEnd + 4
            guard let name = attribute("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: attribute("filename", in: headers), body: body[from..<max(from, to)]))
        }
        return parts
    }

    private static func attribute(_ key: String, in headers: String) -> String? {
        guard let range = headers.range(of: "; \(key)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
