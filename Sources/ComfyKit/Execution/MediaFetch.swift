import AsyncHTTPClient
import Foundation
import NIOCore

extension HTTPClient {
    /// Streams a media URL into `file` with no credentials (the media host is not our server), stopping as
    /// soon as more than `limit` bytes arrive. Each executor names its own errors for a bad status and a
    /// file past its upload limit.
    func fetchMedia(
        _ url: URL, to file: URL, limit: Int64,
        badStatus: (Int) -> any Error, tooLarge: (_ bytes: Int64) -> any Error
    ) async throws {
        let response = try await execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(300))
        guard response.status == .ok else { throw badStatus(Int(response.status.code)) }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total: Int64 = 0
        for try await chunk in response.body {
            total += Int64(chunk.readableBytes)
            if total > limit { throw tooLarge(total) }
            try handle.write(contentsOf: Data(chunk.readableBytesView))
        }
    }
}
