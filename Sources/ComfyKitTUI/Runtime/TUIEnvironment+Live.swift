import ComfyKit
import Glibc

extension TUIEnvironment {
    /// The real file system.
    static let live = TUIEnvironment(fileExists: { MediaReference.isRegularFile($0) }, fileStamp: { FileStamp.read($0) })
}

extension FileStamp {
    /// `stat(2)` of the file, following links; `nil` when it cannot be read.
    static func read(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), size: Int64(info.st_size))
    }
}
