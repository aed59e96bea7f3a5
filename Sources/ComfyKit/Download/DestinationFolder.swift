import Foundation

/// The folder downloads go into, made ready before any transfer starts.
enum DestinationFolder {
    /// Creates `folder` (and its parents) if missing and returns its path; something at that path
    /// that is not a folder is an error, never replaced.
    static func prepare(_ folder: URL) throws(DownloadError) -> String {
        guard folder.isFileURL else {
            throw .folderUnusable(path: folder.redactedForDisplay, reason: "it is not a file URL")
        }
        let path = folder.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .folderUnusable(path: path, reason: "it exists and is not a folder") }
            return path
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .folderUnusable(path: path, reason: "cannot create it (\((error as NSError).localizedDescription))")
        }
        return path
    }

    /// Creates the subfolder `name` (already sanitised) of `root` for one output's files. A symbolic link
    /// there is refused: unlike the destination, which the caller chose, a link planted inside it would
    /// carry downloads out of it.
    static func prepareSubfolder(_ name: String, in root: String) throws(DownloadError) -> String {
        let path = root + "/" + name
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType, type == .typeSymbolicLink {
            throw .folderUnusable(path: path, reason: "it is a symbolic link, and downloads stay inside \(root)")
        }
        return try prepare(URL(fileURLWithPath: path, isDirectory: true))
    }
}
