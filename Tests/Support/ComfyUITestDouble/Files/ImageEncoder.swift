/// Writes small but valid images: a solid-colour PNG of any size, and a tiny grey JPEG for sampler previews.
enum ImageEncoder {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A `width`×`height` RGB PNG filled with `rgb` (0xRRGGBB), without the trailing `IEND` chunk so a
    /// caller can pad before it; append ``pngEnd``.
    static func solidPNGBody(width: Int, height: Int, rgb: Int) -> [UInt8] {
        let width = max(1, width), height = max(1, height)
        let pixel: [UInt8] = [UInt8((rgb >> 16) & 0xFF), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF)]
        var deflater = FixedHuffmanDeflater()
        var adler = Adler32()
        // Row 0: filter None and the pixel repeated; later rows: filter Up, all zero.
        deflater.literal(0)
        adler.add(0)
        for byte in pixel { deflater.literal(byte); adler.add(byte) }
        if width > 1 {
            emitRun(&deflater, length: 3 * (width - 1), distance: 3, literals: Array(repeating: pixel, count: width - 1).flatMap { $0 })
            for _ in 1..<width { for byte in pixel { adler.add(byte) } }
        }
        for _ in 1..<height {
            deflater.literal(2)
            deflater.literal(0)
            adler.add(2)
            adler.addZeros(3 * width)
            emitRun(&deflater, length: 3 * width - 1, distance: 1, literals: Array(repeating: 0, count: 3 * width - 1))
        }
        var idat: [UInt8] = [0x78, 0x01]
        idat += deflater.finish()
        idat += bigEndian(adler.value)
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]
        return pngSignature + chunk("IHDR", header) + chunk("IDAT", idat)
    }

    static let pngEnd: [UInt8] = chunk("IEND", [])

    static func solidPNG(width: Int, height: Int, rgb: Int) -> [UInt8] {
        solidPNGBody(width: width, height: height, rgb: rgb) + pngEnd
    }

    /// An 8×8 mid-grey baseline JPEG (one DC-only block, one-symbol Huffman tables); `padding` adds
    /// comment segments so previews can be made as large as a test needs.
    static func greyJPEG(padding: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        bytes += [0xFF, 0xDB, 0x00, 0x43, 0x00] + Array(repeating: 1, count: 64)
        bytes += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]
        for tableClass: UInt8 in [0x00, 0x10] {
            bytes += [0xFF, 0xC4, 0x00, 0x14, tableClass, 1] + Array(repeating: 0, count: 15) + [0x00]
        }
        var remaining = padding
        while remaining > 4 {
            let length = min(remaining - 2, 65535)
            bytes += [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + Array(repeating: 0x20, count: length - 2)
            remaining -= length + 2
        }
        bytes += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        bytes += [0x3F, 0xFF, 0xD9]
        return bytes
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(typeBytes + data))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Emits `length` bytes as back-references, or as literals when too short for a match.
    private static func emitRun(_ deflater: inout FixedHuffmanDeflater, length: Int, distance: Int, literals: [UInt8]) {
        if length >= 3 {
            deflater.copy(length: length, distance: distance)
        } else {
            for byte in literals.prefix(length) { deflater.literal(byte) }
        }
    }
}
