/// How downloaded files are arranged in the destination folder.
public enum DownloadLayout: Sendable, Hashable {
    /// Every file directly in the folder.
    case flat
    /// Each file in `<folder>/<outputName>/`; files without an output name stay in the folder itself.
    case subfolderPerOutput
}
