/// What an output file's first bytes say it is: a picture, a video (its first frame is drawn) or a sound (its
/// waveform is drawn). Never from a file name or a MIME type, which a server may get wrong.
public enum MediaFormat: Sendable, Equatable {
    case picture(PictureFormat)
    case video(VideoFormat)
    case audio(AudioFormat)

    /// The format `bytes` start with, or `nil`.
    public static func sniff(_ bytes: [UInt8]) -> MediaFormat? {
        if let picture = PictureFormat.sniff(bytes) { return .picture(picture) }
        if let video = VideoFormat.sniff(bytes) { return .video(video) }
        if let audio = AudioFormat.sniff(bytes) { return .audio(audio) }
        return nil
    }

    /// The format's name in a reason: "PNG", "MP4", "FLAC".
    public var name: String {
        switch self {
        case .picture(let format): format.name
        case .video(let format): format.name
        case .audio(let format): format.name
        }
    }
}

/// The video containers whose first frame is drawn (FFmpeg reads them; the codec inside is FFmpeg's business).
public enum VideoFormat: String, Sendable, CaseIterable {
    /// ISO base media (`ftyp` box first): MP4, MOV, M4V.
    case mp4
    /// Matroska's EBML header: WebM, MKV.
    case webm

    public var name: String {
        switch self {
        case .mp4: "MP4"
        case .webm: "WebM"
        }
    }

    /// "an MP4", "a WebM".
    var withArticle: String {
        (self == .mp4 ? "an " : "a ") + name
    }

    /// FFmpeg's demuxer for the container: the bytes are never probed against every demuxer FFmpeg has.
    var demuxer: String {
        switch self {
        case .mp4: "mov"
        case .webm: "matroska"
        }
    }

    public static func sniff(_ bytes: [UInt8]) -> VideoFormat? {
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) { return .mp4 }
        if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        return nil
    }

    /// Why `bytes` are cut short, when the container's sizes say so: an MP4 whose last top-level box runs past the
    /// end, a WebM whose segment is declared longer than the bytes.
    func truncation(_ bytes: [UInt8]) -> String? {
        switch self {
        case .mp4: Self.boxTruncation(bytes)
        case .webm: Self.segmentTruncation(bytes)
        }
    }

    private static func boxTruncation(_ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset + 8 <= bytes.count {
            var size = Int(bigEndian: bytes, at: offset, count: 4)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            if size == 1 {
                guard offset + 16 <= bytes.count else { return "it ends inside its '\(type)' box's header" }
                size = Int(bigEndian: bytes, at: offset + 8, count: 8)
            } else if size == 0 {
                return nil
            }
            guard size >= 8 else { return nil }
            if size > bytes.count - offset {
                return "it ends inside its '\(type)' box (\(bytes.count - offset) of its \(size) bytes)"
            }
            offset += size
        }
        return offset < bytes.count ? "it ends inside a box's header" : nil
    }

    private static func segmentTruncation(_ bytes: [UInt8]) -> String? {
        guard let header = EBMLElement(bytes, at: 0), let headerSize = header.size else { return nil }
        let segmentStart = header.dataOffset + headerSize
        guard segmentStart < bytes.count else { return "it ends after its EBML header" }
        guard let segment = EBMLElement(bytes, at: segmentStart) else { return "it ends inside its segment's header" }
        guard let size = segment.size else { return nil }
        let present = bytes.count - segment.dataOffset
        return present < size ? "\(present) of its segment's \(size) bytes" : nil
    }
}

/// A Matroska element's header: its ID and data size (variable-length integers), enough to find the segment.
private struct EBMLElement {
    let dataOffset: Int
    /// `nil` for the "unknown" size a live stream writes.
    let size: Int?

    init?(_ bytes: [UInt8], at offset: Int) {
        guard let id = Self.vint(bytes, at: offset), let size = Self.vint(bytes, at: offset + id.length) else { return nil }
        dataOffset = offset + id.length + size.length
        self.size = size.value == (1 << (7 * size.length)) - 1 ? nil : size.value
    }

    private static func vint(_ bytes: [UInt8], at offset: Int) -> (value: Int, length: Int)? {
        guard offset < bytes.count, bytes[offset] != 0 else { return nil }
        let length = bytes[offset].leadingZeroBitCount + 1
        guard offset + length <= bytes.count else { return nil }
        var value = Int(bytes[offset]) & (0xFF >> length)
        for index in 1..<length { value = value << 8 | Int(bytes[offset + index]) }
        return (value, length)
    }
}

/// The sound formats whose waveform is drawn (libsndfile reads them).
public enum AudioFormat: String, Sendable, CaseIterable {
    case flac, mp3, ogg, opus, wav

    public var name: String {
        switch self {
        case .flac: "FLAC"
        case .mp3: "MP3"
        case .ogg: "Ogg Vorbis"
        case .opus: "Opus"
        case .wav: "WAV"
        }
    }

    public static func sniff(_ bytes: [UInt8]) -> AudioFormat? {
        if bytes.starts(with: Array("fLaC".utf8)) { return .flac }
        if bytes.starts(with: Array("ID3".utf8)) || (bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) { return .mp3 }
        if bytes.starts(with: Array("OggS".utf8)) {
            let head = bytes.prefix(96)
            return head.indices.contains { index in head[index...].starts(with: Array("OpusHead".utf8)) } ? .opus : .ogg
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WAVE".utf8) { return .wav }
        return nil
    }
}

extension Int {
    /// `count` bytes at `offset` read as a big-endian unsigned number (callers check the range).
    init(bigEndian bytes: [UInt8], at offset: Int, count: Int) {
        self = bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }
}
