import Foundation

/// What an output file holds, by its name's extension: what the TUI can draw of it.
enum MediaKind: Hashable, Sendable {
    case image
    /// Drawn by its first frame (animated WebP and GIF are images: their decoder takes the first frame).
    case video
    case audio
    case other

    init(url: String) {
        let name = OutputLabel.fileName(of: url).lowercased()
        switch (name as NSString).pathExtension {
        case "png", "jpg", "jpeg", "webp", "gif", "bmp": self = .image
        case "mp4", "webm", "mov", "mkv", "avi": self = .video
        case "wav", "mp3", "flac", "ogg", "opus", "m4a": self = .audio
        default: self = .other
        }
    }

    /// Whether the TUI draws it as a picture (a thumbnail, the viewer).
    var isPicture: Bool { self == .image || self == .video }
}
