import ComfyKit
import Foundation

/// Reads output files into memory for pictures, by the download path: the kit's downloader (its credentials go to
/// the ComfyUI origin only; its checks of status, length and names apply) into a private temporary folder, read back
/// and removed at once. A file over ``maximumBytes`` is refused.
struct OutputFetcher: Sendable {
    let kit: ComfyKit
    /// A folder of this process's, readable by its user only.
    let folder: URL

    static let maximumBytes: Int64 = 64 << 20

    /// `nil` when no private folder can be made.
    init?(kit: ComfyKit) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-tui-pictures-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        self.kit = kit
        self.folder = folder
    }

    func fetch(_ url: String) async throws -> [UInt8] {
        guard let parsed = URL(string: url) else { throw PictureFetchError("not a URL") }
        let file = try await kit.downloader(maxConcurrentDownloads: 1).download(DownloadRequest(url: parsed), to: folder)
        defer { try? FileManager.default.removeItem(at: file.fileURL) }
        guard file.byteCount <= Self.maximumBytes else {
            throw PictureFetchError("\(file.byteCount / 1_048_576) MB: larger than a picture is read (\(Self.maximumBytes >> 20) MB)")
        }
        return Array(try Data(contentsOf: file.fileURL))
    }

    /// Removes the folder (on the way out).
    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Why an output could not be read for its picture.
struct PictureFetchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
