#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free pages back to the system once the app has gone quiet after work (the folder read, the
/// server's catalog built, a run ended): reading a thousand workflows and a catalog's JSON tree leaves megabytes free
/// in fragments between live blocks, which glibc keeps resident until `malloc_trim` releases them. At most once per
/// quiet spell, so an idle app does nothing.
struct IdleMemoryTrim {
    /// How long the app must have been quiet (no message but the clock and the server probes) before trimming.
    static let quietFor = Duration.milliseconds(1500)

    private var due: ContinuousClock.Instant?

    /// Something happened: trim once things are quiet again.
    mutating func noteActivity(at now: ContinuousClock.Instant) {
        due = now + Self.quietFor
    }

    /// Whether to trim now; true once per quiet spell.
    mutating func isDue(at now: ContinuousClock.Instant) -> Bool {
        guard let due, now >= due else { return false }
        self.due = nil
        return true
    }

    /// glibc's `malloc_trim(0)`, found at run time: the Glibc module does not declare it (`<malloc.h>`). Nothing where
    /// the C library has none.
    static func trimHeap() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        // nil is RTLD_DEFAULT on glibc: the symbol as the program's libraries define it.
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
