import ComfyKit
import Testing
@testable import ComfyKitTUI

/// An idle loop turn draws nothing; a message, or a second passing while a run goes, draws a frame.
@Suite struct FrameGateTests {
    @Test func onlyTheFirstTurnDrawsWhenNothingHappens() throws {
        var gate = FrameGate()
        var state = try Fixtures.loadedState()
        _ = update(&state, .clock(0.05))
        let first = gate.needsFrame(after: [.clock(0.05)], state: state)
        #expect(first)
        for tick in 2...40 {
            _ = update(&state, .clock(Double(tick) * 0.05))
            let drew = gate.needsFrame(after: [.clock(state.clock)], state: state)
            #expect(!drew)
        }
        let afterKey = gate.needsFrame(after: [.clock(2.05), .key(.down)], state: state)
        let afterProbe = gate.needsFrame(after: [.clock(2.1), .serverProbed(.connected(queue: 0))], state: state)
        #expect(afterKey && afterProbe)
    }

    @Test func aRunningRunRedrawsOncePerSecondForItsElapsedTime() throws {
        var gate = FrameGate()
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = gate.needsFrame(after: [.clock(0.9)], state: state)
        var frames = 0
        for tick in 19...60 {  // 0.95 s … 3.0 s
            _ = update(&state, .clock(Double(tick) * 0.05))
            if gate.needsFrame(after: [.clock(state.clock)], state: state) { frames += 1 }
        }
        #expect(frames == 3)
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed)))))
        _ = gate.needsFrame(after: [.clock(3.0)], state: state)
        _ = update(&state, .clock(4.5))
        let afterEnd = gate.needsFrame(after: [.clock(4.5)], state: state)
        #expect(!afterEnd, "a finished run's time is frozen")
    }
}
