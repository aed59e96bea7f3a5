import ComfyKit
import Glibc

extension TUIEnvironment {
    /// The real file system.
    static let live = TUIEnvironment(fileExists: { MediaReference.isRegularFile($0) }, fileStamp: { FileStamp.read($0) },
                                     isDirectory: { isFolder($0) })

    /// `stat(2)` says a folder; `~/` is the home folder, as in path completion.
    private static func isFolder(_ path: String) -> Bool {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/"), let home = getenv("HOME") { expanded = String(cString: home) + expanded.dropFirst() }
        var info = stat()
        return stat(expanded, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension FileStamp {
    /// `stat(2)` of the file, following links; `nil` when it cannot be read.
    static func read(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), size: Int64(info.st_size))
    }
}
