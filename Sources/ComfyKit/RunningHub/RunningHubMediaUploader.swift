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
                try await httpClient.fetchMedia(
                    url, to: temp, limit: RunningHubClient.maxUploadBytes,
                    badStatus: { RunningHubError.http(endpoint: "GET \(url.redactedForDisplay)", status: $0, body: "") },
                    tooLarge: { RunningHubError.fileTooLarge(path: url.redactedForDisplay, bytes: $0, limit: RunningHubClient.maxUploadBytes) })
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
}
