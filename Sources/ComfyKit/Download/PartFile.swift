#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOPosix

/// The hidden temporary file a download streams into. It sits in the destination folder so that the
/// final move is a link within one file system. Creating, writing, syncing and committing run on NIO's
/// blocking-I/O thread pool (writes are scheduled there by ``PartFileSink``); ``close()`` and ``remove()`` run inline because cleanup must happen even
/// in a cancelled task, where the pool refuses new work.
struct PartFile: Sendable {
    let folder: String
    let path: String
    private let descriptor: CInt

    /// Names tried before giving up on finding a free ` (n)` variant.
    static let maxNumberedNames = 9999

    private init(folder: String, path: String, descriptor: CInt) {
        self.folder = folder
        self.path = path
        self.descriptor = descriptor
    }

    /// Creates a new, empty part file for `name` in `folder`; `O_EXCL` means it never opens an existing
    /// file or follows a planted symlink.
    static func create(in folder: String, for name: String) async throws -> PartFile {
        try await NIOThreadPool.singleton.runIfActive {
            while true {
                let path = folder + "/" + SafeFilename.partName(for: name, tag: .random(in: .min ... .max))
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                if fd >= 0 { return PartFile(folder: folder, path: path, descriptor: fd) }
                if errno != EEXIST { throw FileFailure(operation: "create", path: path, code: errno) }
            }
        }
    }

    /// Writes all of `buffer` at `offset`, then asks the kernel to start writing those pages to disk, so that
    /// ``synchronize()`` finds little left to flush. Blocking: call it on a thread that may block.
    func write(_ buffer: ByteBuffer, at offset: Int64) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileFailure(operation: "write", path: path, code: errno)
                }
                done += written
            }
        }
        #if os(Linux)
        // A hint: dirty pages go to writeback now instead of all at the final fsync (Linux starts it for DONTNEED).
        _ = posix_fadvise(descriptor, off_t(offset), off_t(buffer.readableBytes), POSIX_FADV_DONTNEED)
        #endif
    }

    /// Flushes the bytes to disk, so a crash after the move cannot leave a named but empty file.
    func synchronize() async throws {
        let (fd, path) = (descriptor, path)
        try await NIOThreadPool.singleton.runIfActive {
            // EINVAL: the file system cannot sync this file (a pipe-like or special mount); nothing to do.
            if fsync(fd) != 0, errno != EINVAL { throw FileFailure(operation: "sync", path: path, code: errno) }
        }
    }

    /// Closes the descriptor; call exactly once.
    func close() {
        _ = closeDescriptor(descriptor)
    }

    /// Deletes the part file (after ``close()``).
    func remove() {
        _ = unlink(path)
    }

    /// Gives the closed part file its final name: `name`, else `name (1)`, `name (2)`, … It never replaces
    /// a file: `link` fails with `EEXIST` where `rename` would overwrite, so two downloads of one name at
    /// once end as two files. Returns the final path; on failure the part file is still there.
    func commit(as name: String) async throws -> String {
        let (folder, path) = (folder, path)
        return try await NIOThreadPool.singleton.runIfActive {
            for number in 0...Self.maxNumberedNames {
                let target = folder + "/" + (number == 0 ? name : SafeFilename.numbered(name, number))
                if link(path, target) == 0 {
                    _ = unlink(path)
                    return target
                }
                switch errno {
                case EEXIST: continue
                case EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EMLINK:
                    if try Self.reserveThenRename(path, to: target) { return target }
                default: throw FileFailure(operation: "move into place", path: target, code: errno)
                }
            }
            throw NoFreeName()
        }
    }

    /// For file systems without hard links: claim `target` with an exclusive create, then rename over
    /// our own empty claim. `false` when the name is taken.
    private static func reserveThenRename(_ path: String, to target: String) throws -> Bool {
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw FileFailure(operation: "move into place", path: target, code: errno)
        }
        _ = closeDescriptor(fd)
        guard rename(path, target) == 0 else {
            let code = errno
            _ = unlink(target)
            throw FileFailure(operation: "move into place", path: target, code: code)
        }
        return true
    }
}

/// A failed system call on a download's files.
struct FileFailure: Error {
    let operation: String
    let path: String
    let code: CInt

    var reason: String { "\(operation): \(String(cString: strerror(code)))" }
    /// The folder refuses new files (permissions, read-only mount) rather than one write failing.
    var isFolderRefusal: Bool { code == EACCES || code == EPERM || code == EROFS }
}

/// Every numbered variant of a name was taken.
struct NoFreeName: Error {}

private func closeDescriptor(_ fd: CInt) -> CInt {
    close(fd)
}
