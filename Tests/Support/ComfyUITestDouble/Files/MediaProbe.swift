/// Reads the little a simulated node needs from an input file: image size, audio channels.
enum MediaProbe {
    struct ImageSize: Sendable { var width: Int; var height: Int }
    struct AudioFormat: Sendable { var channels: Int; var sampleRate: Int }

    static func imageSize(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 24, Array(bytes[0..<8]) == ImageEncoder.pngSignature else { return nil }
        return ImageSize(width: Int(readBigEndian(bytes, at: 16)), height: Int(readBigEndian(bytes, at: 20)))
    }

    static func audioFormat(_ bytes: [UInt8]) -> AudioFormat? {
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("WAVE".utf8) else { return nil }
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(readLittleEndian(bytes, at: offset + 4, count: 4))
            if id == "fmt ", offset + 16 <= bytes.count {
                let channels = Int(readLittleEndian(bytes, at: offset + 10, count: 2))
                let rate = Int(readLittleEndian(bytes, at: offset + 12, count: 4))
                return AudioFormat(channels: channels, sampleRate: rate)
            }
            offset += 8 + size + (size & 1)
        }
        return nil
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt32 {
        bytes[offset..<offset + count].reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }
}
