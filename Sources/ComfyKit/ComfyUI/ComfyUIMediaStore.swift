import AsyncHTTPClient
import Foundation

/// Uploads the media of `~` params to ComfyUI (`POST /upload/image`): local files under their own name,
/// URLs under the URL's basename, names of files already on the server as they are.
struct ComfyUIMediaStore: MediaStore {
    let client: ComfyUIClient
    let httpClient: HTTPClient
    /// The most bytes fetched from a media URL: 200 MiB, above ComfyUI's default `--max-upload-size` of 100 MB,
    /// so a server started with a larger limit still gets the file and says itself when it is too large.
    var maxBytes = 200 << 20

    func store(_ reference: MediaReference, param: String) async throws(RunFailure) -> String {
        switch reference {
        case .serverFile(let name):
            return name
        case .localFile(let path):
            return try await upload(path, as: URL(fileURLWithPath: path).lastPathComponent, param: param)
        case .remote(let url):
            return try await RemoteMedia(httpClient: httpClient, limit: Int64(maxBytes)).withFetched(
                url, param: param,
                badStatus: { ComfyUIError.http(endpoint: "GET \(url.redactedForDisplay)", status: $0, body: "") },
                tooLarge: { _ in ComfyUIError.badResponse(endpoint: "GET \(url.redactedForDisplay)", reason: "larger than \(maxBytes) bytes") },
                upload: { (path, name) async throws(RunFailure) -> String in try await upload(path, as: name, param: param) })
        }
    }

    private func upload(_ path: String, as name: String, param: String) async throws(RunFailure) -> String {
        do {
            return try await client.upload(fileAt: path, as: name).nodeValue
        } catch {
            throw .upload(param: param, reason: "\(error)")
        }
    }
}
