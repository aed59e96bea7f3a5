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
}
