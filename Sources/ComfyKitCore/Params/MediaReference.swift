import Foundation

/// What a string given to a media param refers to.
public enum MediaReference: Hashable, Sendable {
    /// A file on this machine, uploaded under its own name.
    case localFile(path: String)
    /// An http(s) URL, downloaded without credentials and uploaded under its basename.
    case remote(URL)
    /// A file already on the server (`photo.png`, `sub/photo.png`), written through unchanged.
    case serverFile(String)

    /// Classifies a media string: a URL, an existing local file, else a server-side filename.
    ///
    /// Text that is unmistakably a local path (`/…`, `./…`, `../…`, `~/…`, `file://…`) but names no
    /// file is an error, rather than being sent to the server as a filename that cannot exist there.
    public static func classify(_ text: String, param: String, fileExists: (String) -> Bool = MediaReference.isRegularFile) throws(BindError) -> MediaReference {
        if let url = WorkflowSource.httpURL(text) { return .remote(url) }
        var path = text
        if text.lowercased().hasPrefix("file://") {
            guard let url = URL(string: text), url.isFileURL else { throw .mediaFileNotFound(param: param, path: text) }
            path = url.path
        } else if text == "~" || text.hasPrefix("~/") {
            path = FileManager.default.homeDirectoryForCurrentUser.path + text.dropFirst()
        }
        if fileExists(path) { return .localFile(path: path) }
        if path != text || text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") {
            throw .mediaFileNotFound(param: param, path: text)
        }
        return .serverFile(text)
    }

    /// True when `path` names an existing file that is not a directory; the default file check of ``classify(_:param:fileExists:)``.
    public static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
