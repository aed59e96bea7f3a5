/// ComfyUI's three file roots, as named by `/view?type=` and `/upload/image` `type`.
enum FileFolder: String, Sendable, CaseIterable {
    case input, output, temp
}

/// Where a file lives: its root, a subfolder path (may be empty) and its name.
struct FileLocation: Sendable, Hashable {
    var folder: FileFolder
    var subfolder: String
    var filename: String

    /// `subfolder/filename` with `.`/`..` resolved; nil when it climbs out of the root.
    var relativePath: String? {
        FileLocation.normalize(subfolder.isEmpty ? filename : subfolder + "/" + filename)
    }

    /// Resolves `.` and `..` like `os.path.normpath`; nil when the path escapes its root.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// The content of a stored file.
enum StoredContent: Sendable {
    case bytes([UInt8])
    case produced(ProducedMedia)

    var byteCount: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .produced(let media): return media.byteCount
        }
    }
}
