/// The media category of an output file. One table serves local and cloud results (the Python
/// ComfyKit had two that disagreed on `.gif`, `.webm` and `.mkv`).
public enum OutputCategory: String, Hashable, Sendable, CaseIterable {
    /// A still image (`png`, `jpg`, `webp`, …).
    case image
    /// A video or animation (`mp4`, `webm`, `gif`, …).
    case video
    /// A sound file (`flac`, `mp3`, `wav`, …).
    case audio

    static let byExtension: [String: OutputCategory] = [
        "png": .image, "jpg": .image, "jpeg": .image, "webp": .image, "bmp": .image, "tif": .image,
        "tiff": .image, "avif": .image, "heic": .image, "svg": .image,
        // GIF is an animation; ComfyUI-VideoHelperSuite reports it under `gifs`, as the Python local path did.
        "gif": .video, "mp4": .video, "mov": .video, "avi": .video, "webm": .video, "mkv": .video,
        "m4v": .video,
        "mp3": .audio, "wav": .audio, "flac": .audio, "ogg": .audio, "aac": .audio, "m4a": .audio,
        "wma": .audio, "opus": .audio,
    ]

    /// What a server output key holds when the file's extension does not say.
    static let byKey: [String: OutputCategory] = [
        "images": .image, "gifs": .video, "video": .video, "videos": .video, "audio": .audio, "audios": .audio,
    ]

    /// Classifies a file by its extension, else by the output key it came under (`images`, `gifs`,
    /// `video(s)`, `audio(s)`); `nil` for other keys (`latents`, `3d`, …).
    public static func classify(filename: String, key: String) -> OutputCategory? {
        if let dot = filename.lastIndex(of: "."), let category = byExtension[filename[filename.index(after: dot)...].lowercased()] {
            return category
        }
        return byKey[key]
    }

    /// Classifies a file by a RunningHub-style `fileType` (`png`, `video/mp4`, …).
    public static func classify(fileType: String) -> OutputCategory? {
        let type = fileType.lowercased()
        if let category = byExtension[type] { return category }
        for category in [OutputCategory.image, .video, .audio] where type.contains(category.rawValue) { return category }
        return nil
    }
}
