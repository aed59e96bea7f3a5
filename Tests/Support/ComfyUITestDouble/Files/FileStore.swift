/// The double's `input/`, `output/` and `temp/` folders, in memory.
actor FileStore {
    private var files: [FileFolder: [String: StoredContent]] = [:]
    /// Bumped on every write, so `LoadImage`'s cache key changes when a file is replaced (ComfyUI hashes it).
    private var versions: [String: Int] = [:]
    private var version = 0

    func store(_ content: StoredContent, at folder: FileFolder, path: String) {
        files[folder, default: [:]][path] = content
        version += 1
        versions[folder.rawValue + "/" + path] = version
    }

    func content(at folder: FileFolder, path: String) -> StoredContent? {
        files[folder]?[path]
    }

    func exists(at folder: FileFolder, path: String) -> Bool {
        files[folder]?[path] != nil
    }

    /// A tag that changes whenever the file's content does; nil when absent.
    func contentTag(at folder: FileFolder, path: String) -> String? {
        versions[folder.rawValue + "/" + path].map(String.init)
    }

    func paths(in folder: FileFolder) -> [String] {
        (files[folder] ?? [:]).keys.sorted()
    }

    /// `folder_paths.get_save_image_path`'s counter: one more than the highest `<prefix>_NNNNN_` in the subfolder.
    func nextCounter(folder: FileFolder, subfolder: String, prefix: String) -> Int {
        let directory = subfolder.isEmpty ? "" : subfolder + "/"
        var highest = 0
        for path in (files[folder] ?? [:]).keys where path.hasPrefix(directory) {
            let name = path.dropFirst(directory.count)
            guard !name.contains("/"), name.hasPrefix(prefix + "_") else { continue }
            let rest = name.dropFirst(prefix.count + 1)
            if let digits = Int(rest.prefix { $0 != "_" }) { highest = max(highest, digits) }
        }
        return highest + 1
    }
}
