import AsyncHTTPClient
import Foundation
import NIOCore

/// Uploads the media of `~` params: local files under their own name, URLs under the URL's basename.
struct MediaUploader: Sendable {
    let client: ComfyUIClient
    let httpClient: HTTPClient
    /// ComfyUI's default `--max-upload-size` is 100 MB.
    var maxBytes = 200 << 20

    /// Uploads one param's media and returns the name to write into its bindings.
    func upload(_ reference: MediaReference, param: String) async throws(RunFailure) -> String {
        switch reference {
        case .serverFile(let name):
            return name
        case .localFile(let path):
            do {
                return try await client.upload(fileAt: path, as: URL(fileURLWithPath: path).lastPathComponent).nodeValue
            } catch {
                throw .upload(param: param, reason: "\(error)")
            }
        case .remote(let url):
            let name = MediaUploader.basename(of: url)
            let temp = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-\(UUID().uuidString)-\(name)")
            defer { try? FileManager.default.removeItem(at: temp) }
            do {
                try await httpClient.fetchMedia(
                    url, to: temp, limit: Int64(maxBytes),
                    badStatus: { ComfyUIError.http(endpoint: "GET \(url.redactedForDisplay)", status: $0, body: "") },
                    tooLarge: { _ in ComfyUIError.badResponse(endpoint: "GET \(url.redactedForDisplay)", reason: "larger than \(maxBytes) bytes") })
            } catch {
                throw .upload(param: param, reason: "cannot download \(url.redactedForDisplay): \(error)")
            }
            do {
                return try await client.upload(fileAt: temp.path, as: name).nodeValue
            } catch {
                throw .upload(param: param, reason: "\(error)")
            }
        }
    }

    /// The URL's last path component, percent-decoded; `upload` when it has none.
    static func basename(of url: URL) -> String {
        let name = url.lastPathComponent.removingPercentEncoding ?? url.lastPathComponent
        let safe = name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\0", with: "")
        return safe.isEmpty || safe == "/" || safe == "." || safe == ".." ? "upload" : safe
    }
}
