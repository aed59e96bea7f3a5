import Foundation

extension WorkflowDocument {
    /// The largest workflow read from a file or URL (ComfyUI graphs are kilobytes to a few megabytes).
    public static let defaultMaxBytes = 64 << 20

    /// Reads and parses a local workflow file of at most `maxBytes`.
    public static func read(file path: String, maxBytes: Int = defaultMaxBytes) throws(WorkflowError) -> WorkflowDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .unreadable(source: path, reason: "it is a directory") }
        let bytes: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            bytes = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw .unreadable(source: path, reason: (error as NSError).localizedDescription)
        }
        if bytes.count > maxBytes { throw .unreadable(source: path, reason: "larger than \(maxBytes) bytes") }
        return try WorkflowDocument.parse(bytes, source: path, name: WorkflowSource.file(path: path).displayName)
    }
}
