import AsyncHTTPClient
import Foundation

/// Uploads the media of a RunningHub run: local files as they are, URLs downloaded first (without
/// any credential: their host is not RunningHub), server-side names passed through.
struct RunningHubMediaStore: MediaStore {
    let client: RunningHubClient
    let httpClient: HTTPClient

    /// The name to write into the param's bindings (`api/<hash>.png`).
    func store(_ reference: MediaReference, param: String) async throws(RunFailure) -> String {
        switch reference {
        case .serverFile(let name):
            return name
        case .localFile(let path):
            return try await upload(path, as: nil, param: param)
        case .remote(let url):
            let limit = RunningHubClient.maxUploadBytes
            return try await RemoteMedia(httpClient: httpClient, limit: limit).withFetched(
                url, param: param,
                badStatus: { RunningHubError.http(endpoint: "GET \(url.redactedForDisplay)", status: $0, body: "") },
                tooLarge: { RunningHubError.fileTooLarge(path: url.redactedForDisplay, bytes: $0, limit: limit) },
                upload: { (path, name) async throws(RunFailure) -> String in try await upload(path, as: name, param: param) })
        }
    }

    private func upload(_ path: String, as name: String?, param: String) async throws(RunFailure) -> String {
        do {
            return try await client.upload(fileAt: path, as: name)
        } catch {
            throw .upload(param: param, reason: error.description)
        }
    }
}
