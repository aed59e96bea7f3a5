/// ComfyUI's three file roots, as named by `/view?type=` and `/upload/image` `type`.
enum FileFolder: String, Sendable, CaseIterable {
    case input, output, temp
}

/// Paths inside a file root, resolved like `os.path.normpath` and refused when they climb out.
enum RelativePath {
    /// Resolves `.` and `..`; nil when the path escapes its root.
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
}
