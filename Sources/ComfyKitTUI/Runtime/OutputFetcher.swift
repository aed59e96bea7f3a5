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

    static let folderPrefix = "comfykit-tui-pictures-"

    /// The folder itself is made by the first fetch, so a session that draws no output leaves nothing behind even
    /// when it is killed; folders that killed sessions left (their process gone) are removed here.
    init(kit: ComfyKit, temporary: URL = FileManager.default.temporaryDirectory) {
        Self.removeFoldersOfGoneProcesses(in: temporary)
        self.kit = kit
        self.folder = temporary.appendingPathComponent(Self.folderPrefix + "\(getpid())")
    }

    /// Removes `comfykit-tui-pictures-PID` folders in `temporary` whose process no longer exists (a session killed
    /// with SIGKILL, or a crash, cannot remove its own). A live process's folder, or one of another user's, is kept.
    static func removeFoldersOfGoneProcesses(in temporary: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary.path) else { return }
        for name in names where name.hasPrefix(folderPrefix) {
            guard let pid = pid_t(name.dropFirst(folderPrefix.count)), pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = temporary.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_uid == getuid(), (status.st_mode & S_IFMT) == S_IFDIR else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    func fetch(_ url: String) async throws -> [UInt8] {
        guard let parsed = URL(string: url) else { throw PictureFetchError("not a URL") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
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
