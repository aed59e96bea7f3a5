import AsyncHTTPClient
import Foundation
import NIOCore

/// Uploads the media of a RunningHub run: local files as they are, URLs downloaded first (without
/// any credential: their host is not RunningHub), server-side names passed through.
struct RunningHubMediaUploader: Sendable {
    let client: RunningHubClient
    let httpClient: HTTPClient

    /// The name to write into the param's bindings (`api/<hash>.png`).
    func upload(_ reference: MediaReference, param: String) async throws(RunFailure) -> String {
        switch reference {
        case .serverFile(let name):
            return name
        case .localFile(let path):
            do {
                return try await client.upload(fileAt: path)
            } catch {
                throw .upload(param: param, reason: error.description)
            }
        case .remote(let url):
            let name = MediaUploader.basename(of: url)
            let temp = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-\(UUID().uuidString)-\(name)")
            defer { try? FileManager.default.removeItem(at: temp) }
            do {
                try await fetch(url, to: temp)
            } catch {
                throw .upload(param: param, reason: "cannot download \(url.redactedForDisplay): \(error)")
            }
            do {
                return try await client.upload(fileAt: temp.path, as: name)
            } catch {
                throw .upload(param: param, reason: error.description)
            }
        }
    }

    /// Streams a URL to a file, stopping as soon as it passes RunningHub's upload limit.
    private func fetch(_ url: URL, to file: URL) async throws {
        let response = try await httpClient.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(300))
        guard response.status == .ok else { throw RunningHubError.http(endpoint: "GET \(url.redactedForDisplay)", status: Int(response.status.code), body: "") }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total: Int64 = 0
        for try await chunk in response.body {
            total += Int64(chunk.readableBytes)
            if total > RunningHubClient.maxUploadBytes {
                throw RunningHubError.fileTooLarge(path: url.redactedForDisplay, bytes: total, limit: RunningHubClient.maxUploadBytes)
            }
            try handle.write(contentsOf: Data(chunk.readableBytesView))
        }
    }
}
