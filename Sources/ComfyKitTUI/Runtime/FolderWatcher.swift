import Foundation
import Glibc

/// Notices workflow files and subfolders being added, edited, renamed or removed under the folder, through
/// inotify: the kernel queues the events, so an idle folder costs one non-blocking `read` per loop turn.
///
/// Used from the UI loop's thread only.
final class FolderWatcher {
    private let descriptor: Int32
    /// The watched directories by watch descriptor, to watch new subfolders under their full path.
    private var directories: [Int32: String] = [:]
    /// Reused by every ``poll()``: the loop calls it 20 times a second.
    private var buffer = [UInt8](repeating: 0, count: 16 * 1024)

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// Watches `root` and every non-hidden folder under it; `nil` when inotify is unavailable (then only `r` rescans).
    init?(root: String) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        watchTree(root)
        guard !directories.isEmpty else {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    /// Drains the queued events without blocking; true when one concerns a workflow file or a folder.
    func poll() -> Bool {
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            let events = buffer
            events.withUnsafeBytes { bytes in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameBytes = bytes[(offset + header)..<min(count, offset + header + Int(event.len))]
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    if handle(event, name: name) { changed = true }
                    offset += header + Int(event.len)
                }
            }
        }
        return changed
    }

    /// Whether an event matters, watching a folder that appeared on the way.
    private func handle(_ event: inotify_event, name: String) -> Bool {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
        if mask & UInt32(IN_IGNORED) != 0 {
            directories[event.wd] = nil
            return false
        }
        // The watched folder itself went away or moved.
        if name.isEmpty { return mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 }
        // Hidden files are editors' swap and temporary files; the scan skips them too.
        if name.hasPrefix(".") { return false }
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = directories[event.wd] {
                watchTree(parent + "/" + name)
            }
            return true
        }
        return name.lowercased().hasSuffix(".json")
    }

    /// Watches `root` and its non-hidden subfolders. `readdir`'s entry types find the folders without a `stat`
    /// per file: this runs on the UI thread, and a folder may hold thousands of workflows.
    private func watchTree(_ root: String) {
        watch(root)
        guard let directory = opendir(root) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = root + "/" + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): watchTree(path)
            case Int32(DT_UNKNOWN): if isDirectory(path) { watchTree(path) }
            default: break
            }
        }
    }

    /// For file systems whose `readdir` leaves the type unknown; symbolic links to folders are not followed.
    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private func watch(_ path: String) {
        let wd = inotify_add_watch(descriptor, path, Self.mask)
        if wd >= 0 { directories[wd] = path }
    }
}
