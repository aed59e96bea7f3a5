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

    private func watchTree(_ root: String) {
        watch(root)
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        else { return }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
            watch(url.path)
        }
    }

    private func watch(_ path: String) {
        let wd = inotify_add_watch(descriptor, path, Self.mask)
        if wd >= 0 { directories[wd] = path }
    }
}
