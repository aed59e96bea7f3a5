import Foundation
import NIOCore
import NIOPosix

/// A `multipart/form-data` body with text fields and one file, streamed from disk in chunks
/// (pulled by the HTTP client, so a large file never sits in memory).
struct MultipartBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let boundary: String
    let head: ByteBuffer
    let tail: ByteBuffer
    let filePath: String
    let fileSize: Int64

    /// - Parameters:
    ///   - fields: text fields, in order, sent before the file.
    ///   - fileField: the file part's field name (`image` for ComfyUI, `file` for RunningHub).
    init(fields: [(String, String)], fileField: String, filename: String, contentType: String, filePath: String) throws {
        boundary = "comfykit-" + UUID().uuidString
        let size = try FileManager.default.attributesOfItem(atPath: filePath)[.size] as? NSNumber
        fileSize = size?.int64Value ?? 0
        self.filePath = filePath
        var text = ""
        for (name, value) in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(MultipartBody.quoted(name))\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(MultipartBody.quoted(fileField))\"; filename=\"\(MultipartBody.quoted(filename))\"\r\n"
        text += "Content-Type: \(contentType)\r\n\r\n"
        head = ByteBuffer(string: text)
        tail = ByteBuffer(string: "\r\n--\(boundary)--\r\n")
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
    var length: Int64 { Int64(head.readableBytes) + fileSize + Int64(tail.readableBytes) }

    /// Quotes and line breaks would end the header value; browsers percent-encode them.
    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }

    struct Iterator: AsyncIteratorProtocol {
        enum Stage { case head, file(FileHandle), tail, done }
        let body: MultipartBody
        var stage: Stage = .head

        init(body: MultipartBody) { self.body = body }

        mutating func next() async throws -> ByteBuffer? {
            switch stage {
            case .head:
                stage = .file(try FileHandle(forReadingFrom: URL(fileURLWithPath: body.filePath)))
                return body.head
            case .file(let handle):
                // Blocking reads run on NIO's thread pool, not on the cooperative pool.
                let chunk = try await NIOThreadPool.singleton.runIfActive { try handle.read(upToCount: 1 << 20) ?? Data() }
                if chunk.isEmpty {
                    try? handle.close()
                    stage = .tail
                    return try await next()
                }
                return ByteBuffer(bytes: chunk)
            case .tail:
                stage = .done
                return body.tail
            case .done:
                return nil
            }
        }
    }
}

/// A content type from a file name's extension, as Python's `mimetypes` would guess it.
enum MediaType {
    static let byExtension: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "wav": "audio/x-wav", "mp3": "audio/mpeg",
        "flac": "audio/flac", "ogg": "audio/ogg", "opus": "audio/ogg", "m4a": "audio/mp4", "aac": "audio/aac",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "mkv": "video/x-matroska", "avi": "video/x-msvideo",
        "json": "application/json", "txt": "text/plain",
    ]

    static func forFilename(_ name: String) -> String {
        byExtension[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
