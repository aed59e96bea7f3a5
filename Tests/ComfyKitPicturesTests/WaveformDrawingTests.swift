import ComfyKitPictures
import Testing

/// Issue 12, audio outputs: peaks drawn as a braille waveform at the sound's true level, and its caption. Pure: the
/// peaks are made here, no sound is decoded.
@Suite struct WaveformDrawingTests {
    private func peaks(_ values: [(Float, Float)], rate: Int = 44100, channels: Int = 2, frames: Int = 44100) -> AudioPeaks {
        AudioPeaks(sampleRate: rate, channels: channels, declaredFrames: frames, framesRead: frames,
                   peaks: values.map { AudioPeaks.Peak(low: $0.0, high: $0.1) })
    }

    @Test func silenceIsOneFlatLineInTheMiddle() {
        let lines = WaveformDrawing(peaks(Array(repeating: (0, 0), count: 100))).lines(columns: 10, rows: 4)
        #expect(lines == ["          ", "          ", String(repeating: "⠉", count: 10), "          "])
    }

    @Test func aSineAtHalfScaleFillsTheMiddleHalf() {
        let lines = WaveformDrawing(peaks(Array(repeating: (-0.5, 0.5), count: 300))).lines(columns: 12, rows: 4)
        #expect(lines == [String(repeating: " ", count: 12), String(repeating: "⣿", count: 12),
                          String(repeating: "⣿", count: 12), String(repeating: " ", count: 12)])
    }

    @Test func aFullScaleSoundFillsTheHeight() {
        let lines = WaveformDrawing(peaks([(-1, 1), (-1, 1)])).lines(columns: 3, rows: 2)
        #expect(lines == ["⣿⣿⣿", "⣿⣿⣿"])
    }

    @Test func aSoundThatGrowsLouderIsDrawnTallerToTheRight() {
        let ramp = (0..<40).map { index -> (Float, Float) in let level = Float(index) / 40; return (-level, level) }
        let grid = WaveformDrawing(peaks(ramp)).lines(columns: 20, rows: 6).map(Array.init)
        let heights = (0..<20).map { column in grid.filter { $0[column] != " " }.count }
        #expect(heights.first == 2 && heights.last == 6, "\(heights)")
        #expect(zip(heights, heights.dropFirst()).allSatisfy { $0 <= $1 }, "\(heights)")
    }

    @Test func moreColumnsThanPeaksStretchTheSound() {
        let lines = WaveformDrawing(peaks([(0, 0), (-1, 1)])).lines(columns: 4, rows: 1)
        #expect(lines == ["⠤⠤⣿⣿"])
    }

    @Test func cellsCarryTheColourOnlyWhereThereAreDots() {
        let cells = WaveformDrawing(peaks([(0, 0)])).cells(columns: 2, rows: 2, colour: RGB(packed: 0x33AAFF))
        #expect(cells.map { String($0.map(\.character)) } == ["  ", "⠉⠉"])
        #expect(cells[0].allSatisfy { $0.foreground == nil })
        #expect(cells[1].allSatisfy { $0.foreground == RGB(packed: 0x33AAFF) && $0.background == nil })
        let monochrome = WaveformDrawing(peaks([(0, 0)])).cells(columns: 2, rows: 2, colour: nil)
        #expect(monochrome.joined().allSatisfy { $0.foreground == nil && $0.background == nil })
    }

    @Test func theCaptionSaysLengthRateAndChannels() {
        #expect(peaks([(0, 0)]).caption == "1.0 s · 44.1 kHz · stereo")
        #expect(peaks([(0, 0)], rate: 22050, channels: 1, frames: 22050 * 125).caption == "2:05 · 22.05 kHz · mono")
        #expect(peaks([(0, 0)], rate: 48000, channels: 6, frames: 48000 * 3720).caption == "1:02:00 · 48 kHz · 6 channels")
    }

    @Test func aSoundReadOnlyInPartSaysHowMuch() {
        let partial = AudioPeaks(sampleRate: 8000, channels: 1, declaredFrames: 8000 * 660, framesRead: 8000 * 600, peaks: [])
        #expect(partial.isPartial)
        #expect(partial.caption == "first 10:00 of 11:00 · 8 kHz · mono")
    }

    @Test func noColumnsOrRowsDrawNothing() {
        #expect(WaveformDrawing(peaks([(-1, 1)])).lines(columns: 0, rows: 4).isEmpty)
        #expect(WaveformDrawing(peaks([])).lines(columns: 3, rows: 1) == ["   "])
    }
}
