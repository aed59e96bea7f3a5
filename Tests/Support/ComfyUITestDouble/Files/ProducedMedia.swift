/// A file a simulated node wrote: described, not stored, so its bytes can be generated while streaming
/// (a test may ask for gigabyte outputs).
struct ProducedMedia: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case png(width: Int, height: Int, rgb: Int)
        /// Any other format: its magic header, then deterministic filler.
        case other(fileExtension: String)
    }

    var kind: Kind
    /// Exact size to generate; nil for the natural (small) size.
    var size: Int?

    static let defaultOtherSize = 4096

    /// Magic bytes that make a file sniff as its format.
    static func header(forExtension ext: String) -> [UInt8] {
        switch ext.lowercased() {
        case "flac": return Array("fLaC".utf8) + [0x00, 0x00, 0x00, 0x22]
        case "mp3": return Array("ID3".utf8) + [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        case "opus", "ogg": return Array("OggS".utf8) + [0x00, 0x02]
        case "mp4": return [0x00, 0x00, 0x00, 0x18] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("mp42isom".utf8)
        case "webm": return [0x1A, 0x45, 0xDF, 0xA3]
        case "webp": return Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8)
        case "wav": return Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVEfmt ".utf8)
        case "jpg", "jpeg": return [0xFF, 0xD8, 0xFF, 0xE0]
        default: return []
        }
    }

    /// The byte stream, produced in chunks of at most `chunkSize`.
    func chunks(chunkSize: Int = 1 << 16) -> MediaChunks {
        switch kind {
        case .png(let width, let height, let rgb):
            let body = ImageEncoder.solidPNGBody(width: width, height: height, rgb: rgb)
            return MediaChunks(prefix: body, padding: MediaPadding(size: size.map { $0 - body.count - ImageEncoder.pngEnd.count }), suffix: ImageEncoder.pngEnd, chunkSize: chunkSize)
        case .other(let ext):
            let header = Self.header(forExtension: ext)
            let total = max(size ?? Self.defaultOtherSize, header.count)
            return MediaChunks(prefix: header, padding: .raw(total - header.count), suffix: [], chunkSize: chunkSize)
        }
    }
}
