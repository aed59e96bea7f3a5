import ComfyKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP routes the download tests fetch from, and helpers to inspect the destination folder.
enum DownloadTestServer {
    /// Request headers seen by `/headers`.
    actor SeenHeaders {
        private(set) var requests: [HTTPFields] = []
        func add(_ fields: HTTPFields) { requests.append(fields) }
    }

    struct ServerFailure: Error {}

    /// Deterministic bytes that are not a repeating short pattern, so a misplaced chunk shows.
    static func payload(_ size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
    }

    /// `GET /file/<name>?size=N&chunk=M`: N payload bytes in M-byte writes, with a Content-Length.
    /// `GET /view?filename=…`: 9 bytes, whatever the name. `/missing`: 404. `/headers`: records the
    /// request headers. `/redirect?to=URL`: 302. `/truncated`: announces 100 000 bytes, sends 30 000,
    /// then fails. `/broken`: chunked, fails after 20 000 bytes. `/slow`: 1 KiB every 20 ms for a minute.
    /// `/silent`: 1 000 bytes, then nothing. `/late`: the head after 5 s.
    static func router(seen: SeenHeaders = SeenHeaders()) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("file/:name") { request, _ -> Response in
            let size = request.uri.queryParameters.get("size", as: Int.self) ?? 1000
            let chunk = request.uri.queryParameters.get("chunk", as: Int.self) ?? 64 << 10
            let bytes = payload(size)
            return Response(status: .ok, body: ResponseBody(contentLength: size) { writer in
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + chunk, bytes.count)
                    try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                    offset = end
                }
                try await writer.finish(nil)
            })
        }
        router.get("view") { _, _ -> String in "view-body" }
        router.get("missing") { _, _ -> Response in Response(status: .notFound) }
        router.get("headers") { request, _ -> String in
            await seen.add(request.headers)
            return "headers-body"
        }
        router.get("redirect") { request, _ -> Response in
            .redirect(to: request.uri.queryParameters.get("to") ?? "/", type: .found)
        }
        router.get("truncated") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody(contentLength: 100_000) { writer in
                try await writer.write(ByteBuffer(bytes: payload(30_000)))
                throw ServerFailure()
            })
        }
        router.get("broken") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: payload(20_000)))
                throw ServerFailure()
            })
        }
        router.get("slow") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody(contentLength: 3000 << 10) { writer in
                for _ in 0..<3000 {
                    try await writer.write(ByteBuffer(bytes: payload(1 << 10)))
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await writer.finish(nil)
            })
        }
        router.get("silent") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody(contentLength: 2000) { writer in
                try await writer.write(ByteBuffer(bytes: payload(1000)))
                try await Task.sleep(for: .seconds(10))
                try await writer.finish(nil)
            })
        }
        router.get("late") { _, _ -> String in
            try await Task.sleep(for: .seconds(5))
            return "late"
        }
        return router
    }

    /// Every entry in `folder`, hidden ones included, sorted.
    static func entries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func bytes(_ file: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: file))
    }
}
