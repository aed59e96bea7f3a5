/// CRC-32 as PNG uses it (zlib's polynomial), with `combine` so a padding chunk of any length can be
/// checksummed without walking its bytes.
enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        return crc
    }

    static func checksum<Bytes: Sequence>(_ bytes: Bytes, continuing previous: UInt32 = 0) -> UInt32 where Bytes.Element == UInt8 {
        var crc = ~previous
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// The CRC of `a + b` from `crc(a)`, `crc(b)` and `b.count` (zlib's `crc32_combine`).
    static func combine(_ crcA: UInt32, _ crcB: UInt32, lengthB: Int) -> UInt32 {
        multiplyModP(powerOfX(lengthB, shift: 3), crcA) ^ crcB
    }

    private static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var mask: UInt32 = 1 << 31
        var product: UInt32 = 0
        var b = b
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// x^(n * 2^shift) mod p, i.e. the operator that appends `n` zero bytes when `shift` is 3.
    private static func powerOfX(_ n: Int, shift: Int) -> UInt32 {
        var result: UInt32 = 1 << 31
        var n = n
        var k = shift
        while n > 0 {
            if n & 1 == 1 { result = multiplyModP(xToThe2ToThe(k & 31), result) }
            n >>= 1
            k += 1
        }
        return result
    }

    private static let powers: [UInt32] = {
        var values: [UInt32] = [1 << 30]
        for _ in 1..<32 { values.append(multiplyModP(values.last!, values.last!)) }
        return values
    }()

    private static func xToThe2ToThe(_ k: Int) -> UInt32 { powers[k] }
}
