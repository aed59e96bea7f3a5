import Testing
@testable import ComfyKitTUI

/// Issue 17, part 4: the heap's free pages go back to the system once the app is quiet after work, once per quiet
/// spell; an idle app (clock ticks and probes only) never trims again.
@Suite struct IdleMemoryTrimTests {
    @Test func itTrimsOnceAfterAQuietSpellThatFollowsWork() {
        var trim = IdleMemoryTrim()
        let start = ContinuousClock.now
        var due = trim.isDue(at: start + .seconds(60))
        #expect(!due, "no work yet: nothing to give back")
        trim.noteActivity(at: start)
        due = trim.isDue(at: start + .milliseconds(1000))
        #expect(!due)
        trim.noteActivity(at: start + .milliseconds(1000))
        due = trim.isDue(at: start + .milliseconds(2000))
        #expect(!due, "more work put it off")
        due = trim.isDue(at: start + .milliseconds(2600))
        #expect(due)
        due = trim.isDue(at: start + .seconds(10))
        #expect(!due, "once per quiet spell")
    }

    @Test func trimmingTheHeapIsHarmless() {
        let blocks = (0..<1000).map { _ in [UInt8](repeating: 1, count: 4096) }
        IdleMemoryTrim.trimHeap()
        #expect(blocks.allSatisfy { $0.count == 4096 && $0[4095] == 1 })
    }
}
