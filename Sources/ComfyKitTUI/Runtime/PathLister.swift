import Foundation

/// The directory reads behind Tab completion, off the UI loop.
enum PathLister {
    /// The entries of the directory `text` points into whose names start with its last component,
    /// sorted; hidden entries only when that component starts with `.`. `~` means the home folder.
    static func candidates(for text: String, home: String = FileManager.default.homeDirectoryForCurrentUser.path,
                           fileManager: FileManager = .default) -> [PathCandidate] {
        let (directoryText, prefix) = PathCompletion.split(text)
        var directory = directoryText
        if directory == "~/" || directory.hasPrefix("~/") { directory = home + directory.dropFirst() }
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { return [] }
        return names
            .filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                _ = fileManager.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
                return PathCandidate(name: name, isDirectory: isDirectory.boolValue)
            }
    }
}
