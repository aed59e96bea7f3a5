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
                try await fetch(url, to: temp)
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

    /// Streams a URL to a file, with no ComfyUI credentials: the host is not our server.
    private func fetch(_ url: URL, to file: URL) async throws {
        let response = try await httpClient.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(300))
        guard response.status == .ok else { throw ComfyUIError.http(endpoint: "GET \(url.redactedForDisplay)", status: Int(response.status.code), body: "") }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = 0
        for try await chunk in response.body {
            total += chunk.readableBytes
            if total > maxBytes { throw ComfyUIError.badResponse(endpoint: "GET \(url.redactedForDisplay)", reason: "larger than \(maxBytes) bytes") }
            try handle.write(contentsOf: Data(chunk.readableBytesView))
        }
    }

    /// The URL's last path component, percent-decoded; `upload` when it has none.
    static func basename(of url: URL) -> String {
        let name = url.lastPathComponent.removingPercentEncoding ?? url.lastPathComponent
        let safe = name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\0", with: "")
        return safe.isEmpty || safe == "/" || safe == "." || safe == ".." ? "upload" : safe
    }
}
