import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing

/// Issue 12, audio outputs: peaks read by libsndfile from memory (FLAC, MP3, Opus, WAV), bounded in frames read and
/// in peaks kept; a truncated, damaged or wrong file gets its own reason. The fixtures are one-second 440 Hz sines at
/// half scale.
@Suite struct AudioPeaksDecoderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: SharedFixtures.output(name)))
    }

    private func failureOf(_ bytes: [UInt8]) -> PictureFailure? {
        do {
            _ = try OutputDecoder.decode(bytes, fitting: nil, expecting: .sound)
            return nil
        } catch {
            return error
        }
    }

    /// A 16-bit PCM WAV of `frames` frames of `sample` (a test's long sound, written here rather than committed).
    static func wav(frames: Int, rate: Int, sample: Int16) -> [UInt8] {
        func little(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let data = frames * 2
        var bytes = Array("RIFF".utf8) + little(36 + data, 4) + Array("WAVEfmt ".utf8) + little(16, 4) + little(1, 2) + little(1, 2)
        bytes += little(rate, 4) + little(rate * 2, 4) + little(2, 2) + little(16, 2) + Array("data".utf8) + little(data, 4)
        bytes.reserveCapacity(bytes.count + data)
        for _ in 0..<frames { bytes += little(Int(sample), 2) }
        return bytes
    }

    @Test(arguments: [("audio.flac", AudioFormat.flac, 22050, 2, 0.03), ("audio.mp3", .mp3, 44100, 1, 0.08), ("audio.opus", .opus, 48000, 1, 0.12)])
    func aSineAtHalfScalePeaksAtHalfScale(name: String, format: AudioFormat, rate: Int, channels: Int, tolerance: Double) throws {
        let bytes = try Self.fixture(name)
        #expect(AudioFormat.sniff(bytes) == format)
        let peaks = try AudioPeaksDecoder.peaks(bytes, format: format)
        #expect(peaks.sampleRate == rate && peaks.channels == channels)
        #expect(abs(peaks.duration - 1) < 0.08, "\(peaks.duration)")
        #expect(!peaks.isPartial)
        let highest = Double(peaks.peaks.map(\.high).max() ?? 0), lowest = Double(peaks.peaks.map(\.low).min() ?? 0)
        #expect(abs(highest - 0.5) <= tolerance && abs(lowest + 0.5) <= tolerance, "\(lowest)…\(highest)")
        #expect(peaks.peaks.count <= AudioPeaks.maximumPeaks)
    }

    @Test func theFLACsCaptionAndWaveform() throws {
        guard case .sound(let peaks, .flac) = try OutputDecoder.decode(try Self.fixture("audio.flac"), fitting: nil, expecting: .sound) else {
            Issue.record("a FLAC was not decoded as a sound")
            return
        }
        #expect(peaks.caption == "1.0 s · 22.05 kHz · stereo")
        let lines = WaveformDrawing(peaks).lines(columns: 30, rows: 4)
        #expect(lines[1] == String(repeating: "⣿", count: 30) && lines[2] == String(repeating: "⣿", count: 30), "\(lines)")
        #expect(lines[0].allSatisfy { $0 == " " } && lines[3].allSatisfy { $0 == " " }, "\(lines)")
    }

    @Test func readingStopsAtTheFramesBound() throws {
        let peaks = try AudioPeaksDecoder.peaks(try Self.fixture("audio.flac"), format: .flac, maximumFrames: 2205)
        #expect(peaks.framesRead == 2205 && peaks.declaredFrames == 22050)
        #expect(peaks.isPartial)
        #expect(peaks.caption == "first 0.1 s of 1.0 s · 22.05 kHz · stereo")
    }

    @Test func aLongSoundIsReadForItsFirstTenMinutesInBoundedPeaks() throws {
        let bytes = Self.wav(frames: 1000 * 660, rate: 1000, sample: 8192)
        let peaks = try AudioPeaksDecoder.peaks(bytes, format: .wav)
        #expect(peaks.framesRead == 1000 * AudioPeaksDecoder.maximumSeconds)
        #expect(peaks.peaks.count == AudioPeaks.maximumPeaks, "\(peaks.peaks.count)")
        #expect(peaks.peaks.allSatisfy { $0.low == 0.25 && $0.high == 0.25 })
        #expect(peaks.caption == "first 10:00 of 11:00 · 1 kHz · mono")
    }

    @Test func aTruncatedFLACIsReportedAsTruncated() throws {
        let bytes = try Self.fixture("audio.flac")
        let failure = try #require(failureOf(Array(bytes.prefix(bytes.count * 4 / 5))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a truncated FLAC: ") && failure.reason.hasSuffix(" of its 22050 frames"), "\(failure.reason)")
    }

    @Test func aFLACWithADamagedHeaderIsReportedAsDamaged() throws {
        var bytes = try Self.fixture("audio.flac")
        for index in 8..<42 { bytes[index] ^= 0xA5 }
        let failure = try #require(failureOf(bytes))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a damaged FLAC: "), "\(failure.reason)")
    }

    /// libsndfile keeps an open's failure in one global buffer: sounds made on several threads at once (the TUI
    /// makes two pictures at a time) must each get their own reason, not the other's.
    @Test func reasonsOfFailedOpensOnSeveralThreadsAtOnceAreEachTheirOwn() async throws {
        var flac = try Self.fixture("audio.flac")
        for index in 8..<42 { flac[index] ^= 0xA5 }
        var wav = Self.wav(frames: 100, rate: 8000, sample: 1000)
        wav[20] = 0x34; wav[21] = 0x12   // an audio format code no decoder knows
        let damaged = [flac, wav]
        let alone = damaged.map { failureOf($0)?.reason }
        #expect(alone[0]?.hasPrefix("a damaged FLAC: ") == true && alone[1]?.hasPrefix("a damaged WAV: ") == true, "\(alone)")
        #expect(alone[0] != alone[1])
        let together = await withTaskGroup(of: (Int, String?).self) { group in
            for round in 0..<64 {
                group.addTask { (round % 2, self.failureOf(damaged[round % 2])?.reason) }
            }
            return await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
        }
        #expect(together.count == 64)
        for (which, reason) in together { #expect(reason == alone[which]) }
    }

    @Test func anHTMLPageWhereASoundWasExpectedIsNamed() {
        let page = Array("<html><head><title>502 Bad Gateway</title></head></html>".utf8)
        #expect(failureOf(page) == PictureFailure(.unknownFormat, "an HTML page where a sound was expected"))
    }
}
