import AsyncHTTPClient
import Foundation

/// A media URL fetched to a temporary file for upload, without credentials (the media host is not our server).
struct RemoteMedia: Sendable {
    let httpClient: HTTPClient
    /// The most bytes accepted: the server's upload limit.
    let limit: Int64

    /// Fetches `url`, hands `upload` the temporary file's path and the name to upload it under, and
    /// removes the file afterwards. Each executor names its own errors for a bad status and a file too large.
    func withFetched(
        _ url: URL, param: String,
        badStatus: (Int) -> any Error, tooLarge: (_ bytes: Int64) -> any Error,
        upload: (_ path: String, _ name: String) async throws(RunFailure) -> String
    ) async throws(RunFailure) -> String {
        let name = RemoteMedia.basename(of: url)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-\(UUID().uuidString)-\(name)")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            try await httpClient.fetchMedia(url, to: temp, limit: limit, badStatus: badStatus, tooLarge: tooLarge)
        } catch {
            throw .upload(param: param, reason: "\(RemoteMedia.cause(of: error)) downloading \(url.redactedForDisplay)")
        }
        return try await upload(temp.path, name)
    }

    /// What went wrong, first and short: `HTTP 404`, `connection refused`, a size over the limit.
    static func cause(of error: any Error) -> String {
        switch error {
        case ComfyUIError.http(_, let status, _), RunningHubError.http(_, let status, _): "HTTP \(status)"
        case ComfyUIError.badResponse(_, let reason): reason
        case let error as ComfyUIError: error.description
        case let error as RunningHubError: error.description
        default: ConnectionFailure.describe(error)
        }
    }

    /// The URL's last path component, percent-decoded; `upload` when it has none.
    static func basename(of url: URL) -> String {
        let name = url.lastPathComponent.removingPercentEncoding ?? url.lastPathComponent
        let safe = name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\0", with: "")
        return safe.isEmpty || safe == "/" || safe == "." || safe == ".." ? "upload" : safe
    }
}
