import Foundation

extension UUID {
    /// A random (version 4) UUID drawn from `SystemRandomNumberGenerator` (`getrandom`). Foundation's `UUID()` opens,
    /// reads and closes /dev/urandom for each one on Linux, and a run takes one per prompt: in a sweep of hundreds
    /// that is measurable CPU.
    static func systemRandom() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let halves = (generator.next() as UInt64, generator.next() as UInt64)
        var uuid = unsafeBitCast(halves, to: uuid_t.self)
        uuid.6 = (uuid.6 & 0x0F) | 0x40  // version 4
        uuid.8 = (uuid.8 & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: uuid)
    }
}
