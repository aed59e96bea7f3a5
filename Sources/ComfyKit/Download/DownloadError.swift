import Foundation

/// Why a download failed. URLs appear without user info or query
/// (`redactedForDisplay`), so no credential or signed-URL token ever reaches a message.
public enum DownloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The destination (or an output subfolder) cannot hold the files.
    case folderUnusable(path: String, reason: String)
    /// A result's URL string does not parse.
    case invalidURL(String)
    /// One file failed; `file` is the name it would have been saved under.
    case transfer(file: String, url: String, problem: DownloadProblem)
    /// The task was cancelled; no partial file was left behind.
    case cancelled

    /// A one-line message naming the file, the URL (without credentials) and the cause.
    public var description: String {
        switch self {
        case .folderUnusable(let path, let reason):
            "cannot save downloads in \(path): \(reason)"
        case .invalidURL(let text):
            "\"\(text)\" is not a URL"
        case .transfer(let file, let url, let problem):
            "cannot download \(file) from \(url): \(problem)"
        case .cancelled:
            "the download was cancelled"
        }
    }
}

/// What went wrong with one file.
public enum DownloadProblem: Hashable, Sendable, CustomStringConvertible {
    /// Only `http` and `https` URLs are downloaded.
    case unsupportedScheme(String)
    /// The server could not be reached or the request failed before any answer.
    case requestFailed(reason: String)
    /// No response headers arrived in time.
    case noResponse(within: Duration)
    /// The server answered with something other than 200 OK.
    case httpStatus(code: Int, reason: String)
    /// The connection failed while the body streamed.
    case connectionLost(afterBytes: Int64, reason: String)
    /// The body ended before the announced `Content-Length`.
    case incomplete(expectedBytes: Int64, receivedBytes: Int64)
    /// No bytes arrived for `idle`.
    case stalled(afterBytes: Int64, idle: Duration)
    /// The file could not be written or moved into place.
    case writeFailed(path: String, reason: String)
    /// Every numbered variant of the name up to the limit is taken.
    case noFreeName(folder: String)

    /// A short phrase for the cause, with byte counts and durations where they apply.
    public var description: String {
        switch self {
        case .unsupportedScheme(let scheme):
            "unsupported URL scheme \"\(scheme)\" (expected http or https)"
        case .requestFailed(let reason):
            "the request failed: \(reason)"
        case .noResponse(let within):
            "no response within \(within)"
        case .httpStatus(let code, let reason):
            "HTTP \(code) \(reason)"
        case .connectionLost(let bytes, let reason):
            "the connection was lost after \(bytes) bytes: \(reason)"
        case .incomplete(let expected, let received):
            "expected \(expected) bytes, got \(received)"
        case .stalled(let bytes, let idle):
            "no data for \(idle) after \(bytes) bytes"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        case .noFreeName(let folder):
            "every numbered variant of the name is taken in \(folder)"
        }
    }
}

extension DownloadError: DescribedError {}
