/// A minimal DEFLATE encoder (one fixed-Huffman block) that only knows literals and back-references.
/// Enough to write solid-colour PNGs of any size compactly.
struct FixedHuffmanDeflater {
    private var output: [UInt8] = []
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0

    init() { writeBits(0b011, count: 3) }  // BFINAL = 1, BTYPE = 01 (fixed Huffman)

    mutating func literal(_ byte: UInt8) { writeSymbol(Int(byte)) }

    /// Copies `length` bytes from `distance` back, split into matches of at most 258 bytes.
    mutating func copy(length: Int, distance: Int) {
        var remaining = length
        while remaining > 0 {
            var chunk = min(remaining, 258)
            if (1..<3).contains(remaining - chunk) { chunk = remaining - 3 }  // leave at least a 3-byte match
            writeLength(chunk)
            writeDistance(distance)
            remaining -= chunk
        }
    }

    mutating func finish() -> [UInt8] {
        writeSymbol(256)
        if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bitBuffer)) }
        bitBuffer = 0
        bitCount = 0
        return output
    }

    private mutating func writeBits(_ value: UInt32, count: Int) {
        bitBuffer |= UInt64(value) << UInt64(bitCount)
        bitCount += count
        while bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount -= 8
        }
    }

    /// Huffman codes go most-significant bit first.
    private mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<length where code & (1 << UInt32(bit)) != 0 { reversed |= 1 << UInt32(length - 1 - bit) }
        writeBits(reversed, count: length)
    }

    private mutating func writeSymbol(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(UInt32(0x30 + symbol), length: 8)
        case 144...255: writeCode(UInt32(0x190 + symbol - 144), length: 9)
        case 256...279: writeCode(UInt32(symbol - 256), length: 7)
        default: writeCode(UInt32(0xC0 + symbol - 280), length: 8)
        }
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func writeLength(_ length: Int) {
        let index = Self.lengthBases.lastIndex { $0 <= length }!
        writeSymbol(257 + index)
        writeBits(UInt32(length - Self.lengthBases[index]), count: Self.lengthExtra[index])
    }

    private mutating func writeDistance(_ distance: Int) {
        let index = Self.distanceBases.lastIndex { $0 <= distance }!
        writeCode(UInt32(index), length: 5)
        writeBits(UInt32(distance - Self.distanceBases[index]), count: Self.distanceExtra[index])
    }
}
