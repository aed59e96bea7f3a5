import ComfyKitPictures
import Foundation

/// What an output file holds, by its name's extension: what the TUI can draw of it.
enum MediaKind: Hashable, Sendable {
    case image
    /// Drawn by its first frame (animated WebP and GIF are images: their decoder takes the first frame).
    case video
    /// Drawn as a waveform.
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

    /// Whether the TUI draws it (a thumbnail, the viewer): a picture, a video's first frame, a sound's waveform.
    var isPicture: Bool { self != .other }

    /// What its bytes should be, for the reason shown when they are something else.
    var expected: ExpectedMedia {
        switch self {
        case .video: .video
        case .audio: .sound
        case .image, .other: .picture
        }
    }
}
