/// Decides whether a loop turn draws a frame. The loop wakes every 50 ms to read keys; rendering and diffing
/// the whole screen each time would keep an idle app busy, so a turn renders only when a message other than
/// the clock arrived, or, while a run is going, when the clock crosses a whole second (its elapsed time), or when a
/// live preview frame that waited its turn was shown at the clock's tick.
struct FrameGate {
    private var lastSecond: Int?
    private var hasDrawn = false
    private var previewFrames: [Int] = []

    mutating func needsFrame(after messages: [Message], state: AppState) -> Bool {
        let second = Int(state.clock)
        let frames = state.runs.all.compactMap { $0.preview?.frame }
        defer { (lastSecond, previewFrames) = (second, frames) }
        if !hasDrawn {
            hasDrawn = true
            return true
        }
        if messages.contains(where: { if case .clock = $0 { false } else { true } }) { return true }
        if frames != previewFrames { return true }
        return second != lastSecond && state.runs.all.contains(where: \.isActive)
    }
}
