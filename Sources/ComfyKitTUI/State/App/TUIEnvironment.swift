/// What `update` may ask of the file system, injected so `update` stays pure: the runtime passes the real
/// file system (``live``), tests pass answers of their own.
struct TUIEnvironment: Sendable {
    /// Whether a local path names a regular file: what a media field's text refers to.
    var fileExists: @Sendable (String) -> Bool
    /// A file's size and modification time now; `nil` when there is no such file.
    var fileStamp: @Sendable (String) -> FileStamp?
    /// Whether a local path (`~/` expanded) names a folder, so a media field can say so rather than "no such file".
    var isDirectory: @Sendable (String) -> Bool = { _ in false }
}

/// A file's size and modification time, to tell whether it changed since it was read.
struct FileStamp: Hashable, Sendable {
    /// Nanoseconds since 1970.
    let modified: Int64
    let size: Int64
}
