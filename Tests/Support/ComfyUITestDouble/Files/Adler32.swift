/// zlib's Adler-32, with a closed form for runs of zeros so tall images cost nothing to checksum.
struct Adler32 {
    private static let modulus: UInt64 = 65521
    private var a: UInt64 = 1
    private var b: UInt64 = 0

    var value: UInt32 { UInt32((b << 16) | a) }

    mutating func add(_ byte: UInt8) {
        a = (a + UInt64(byte)) % Self.modulus
        b = (b + a) % Self.modulus
    }

    mutating func addZeros(_ count: Int) {
        b = (b + UInt64(count) % Self.modulus * a) % Self.modulus
    }
}
