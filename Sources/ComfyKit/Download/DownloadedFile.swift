import Foundation

/// A file that was downloaded completely and moved into place.
public struct DownloadedFile: Sendable, Hashable {
    /// The request this file answers.
    public let request: DownloadRequest
    /// Where the file is; its name may carry a ` (n)` suffix when the plain name was taken.
    public let fileURL: URL
    /// The file's size, as received.
    public let byteCount: Int64

    /// A file saved at `fileURL` with `byteCount` bytes, answering `request`.
    public init(request: DownloadRequest, fileURL: URL, byteCount: Int64) {
        self.request = request
        self.fileURL = fileURL
        self.byteCount = byteCount
    }
}
