/// Streams a produced file: a prefix, deterministic filler (framed as PNG chunks where needed), a suffix.
/// Memory stays at one chunk however large the file is.
struct MediaChunks: Sequence, Sendable {
    let prefix: [UInt8]
    let padding: MediaPadding
    let suffix: [UInt8]
    let chunkSize: Int

    /// Total size in bytes.
    var byteCount: Int { prefix.count + padding.byteCount + suffix.count }

    /// The filler pattern: a fixed pseudo-random block, repeated.
    static let fillerBlock: [UInt8] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(1 << 16)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }()

    private static let fillerCRC = CRC32.checksum(fillerBlock)
    static let paddingChunkType = Array("cpAD".utf8)

    func makeIterator() -> AnyIterator<[UInt8]> {
        var pieces: [Piece] = [.bytes(prefix)]
        switch padding {
        case .none: break
        case .raw(let count): pieces.append(.filler(count))
        case .chunks(let lengths):
            for length in lengths {
                pieces.append(.bytes(ImageEncoder.bigEndian(UInt32(length)) + Self.paddingChunkType))
                pieces.append(.filler(length))
                pieces.append(.bytes(ImageEncoder.bigEndian(Self.paddingCRC(dataLength: length))))
            }
        }
        pieces.append(.bytes(suffix))
        var pieceIndex = 0
        var offset = 0
        return AnyIterator {
            while pieceIndex < pieces.count {
                let piece = pieces[pieceIndex]
                if offset >= piece.count {
                    pieceIndex += 1
                    offset = 0
                    continue
                }
                let length = Swift.min(chunkSize, piece.count - offset)
                defer { offset += length }
                switch piece {
                case .bytes(let bytes): return Array(bytes[offset..<offset + length])
                case .filler: return Self.filler(from: offset, count: length)
                }
            }
            return nil
        }
    }

    private enum Piece {
        case bytes([UInt8])
        case filler(Int)

        var count: Int {
            switch self {
            case .bytes(let bytes): return bytes.count
            case .filler(let count): return count
            }
        }
    }

    /// Filler bytes `offset ..< offset + count`.
    static func filler(from offset: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var position = offset
        while out.count < count {
            let start = position % fillerBlock.count
            let take = Swift.min(fillerBlock.count - start, count - out.count)
            out += fillerBlock[start..<start + take]
            position += take
        }
        return out
    }

    /// CRC of chunk type + `dataLength` filler bytes, combined from the block CRC instead of computed bytewise.
    static func paddingCRC(dataLength: Int) -> UInt32 {
        let blockLength = fillerBlock.count
        var crc = CRC32.checksum(paddingChunkType)
        var blocks = dataLength / blockLength
        var blockPower = fillerCRC
        var powerLength = blockLength
        var wholeCRC: UInt32 = 0
        var wholeLength = 0
        while blocks > 0 {
            if blocks & 1 == 1 {
                wholeCRC = wholeLength == 0 ? blockPower : CRC32.combine(wholeCRC, blockPower, lengthB: powerLength)
                wholeLength += powerLength
            }
            blocks >>= 1
            if blocks > 0 {
                blockPower = CRC32.combine(blockPower, blockPower, lengthB: powerLength)
                powerLength *= 2
            }
        }
        if wholeLength > 0 { crc = CRC32.combine(crc, wholeCRC, lengthB: wholeLength) }
        let tail = dataLength - wholeLength
        if tail > 0 { crc = CRC32.combine(crc, CRC32.checksum(fillerBlock[0..<tail]), lengthB: tail) }
        return crc
    }
}
