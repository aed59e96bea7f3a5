import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing

/// Issue 12, video outputs: the first frame of an MP4 (H.264) and a WebM (VP9, VP8) decoded by FFmpeg from memory,
/// bounded; a truncated, damaged or wrong file gets its own reason. The fixtures are 64×64, one second: #E03020 for
/// the first half, #2040E0 for the second, so the colour says the frame drawn is the first.
@Suite struct VideoFrameDecoderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: SharedFixtures.output(name)))
    }

    private func failureOf(_ bytes: [UInt8], expecting expected: ExpectedMedia = .video) -> PictureFailure? {
        do {
            _ = try OutputDecoder.decode(bytes, fitting: (width: 400, height: 400), expecting: expected)
            return nil
        } catch {
            return error
        }
    }

    /// Lossy codecs and YUV move a colour a little: each channel within 16 of the one encoded.
    private func isClose(_ colour: RGB, to packed: Int) -> Bool {
        let expected = RGB(packed: packed)
        return abs(Int(colour.red) - Int(expected.red)) <= 16 && abs(Int(colour.green) - Int(expected.green)) <= 16
            && abs(Int(colour.blue) - Int(expected.blue)) <= 16
    }

    @Test(arguments: [("video.mp4", VideoFormat.mp4), ("video-vp9.webm", .webm), ("video-vp8.webm", .webm)])
    func theFirstFrameHasTheVideosSizeAndItsFirstColour(name: String, format: VideoFormat) throws {
        let bytes = try Self.fixture(name)
        #expect(VideoFormat.sniff(bytes) == format)
        let frame = try VideoFrameDecoder.firstFrame(bytes, format: format, fitting: nil)
        #expect(frame.width == 64 && frame.height == 64)
        for (x, y) in [(32, 32), (2, 2), (61, 61)] {
            #expect(isClose(frame.pixel(x: x, y: y), to: 0xE03020), "\(name) at \(x),\(y): \(frame.pixel(x: x, y: y))")
        }
    }

    @Test func theFrameIsFittedIntoTheBoxAndNeverEnlarged() throws {
        let bytes = try Self.fixture("video.mp4")
        let small = try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: (width: 40, height: 16))
        #expect(small.width == 16 && small.height == 16)
        let same = try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: (width: 800, height: 600))
        #expect(same.width == 64 && same.height == 64)
    }

    @Test func theOutputDecoderRecognisesAVideoFromItsBytes() throws {
        guard case .videoFrame(let frame, .mp4) = try OutputDecoder.decode(try Self.fixture("video.mp4"), fitting: nil) else {
            Issue.record("an MP4 was not decoded as a video")
            return
        }
        #expect(frame.width == 64)
    }

    @Test func aTruncatedMP4IsReportedAsTruncated() throws {
        let bytes = try Self.fixture("video.mp4")
        let failure = try #require(failureOf(Array(bytes.prefix(bytes.count * 2 / 3))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a truncated MP4: it ends inside its 'moov' box"), "\(failure.reason)")
    }

    @Test func aTruncatedWebMIsReportedAsTruncated() throws {
        let bytes = try Self.fixture("video-vp9.webm")
        let failure = try #require(failureOf(Array(bytes.prefix(bytes.count / 2))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a truncated WebM: "), "\(failure.reason)")
    }

    @Test func anMP4WithADamagedMovieHeaderIsReportedAsDamaged() throws {
        var bytes = try Self.fixture("video.mp4")
        let moov = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == Array("moov".utf8) })
        for index in (moov + 4)..<min(bytes.count, moov + 400) { bytes[index] ^= 0x5A }
        let failure = try #require(failureOf(bytes))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a damaged MP4: "), "\(failure.reason)")
    }

    @Test func aWebMWithADamagedHeaderIsReportedAsDamaged() throws {
        var bytes = try Self.fixture("video-vp9.webm")
        // The Tracks element (its ID's second appearance: the first is the seek head's pointer to it).
        let tracksID: [UInt8] = [0x16, 0x54, 0xAE, 0x6B]
        let places = (0..<(bytes.count - 4)).filter { Array(bytes[$0..<$0 + 4]) == tracksID }
        let tracks = try #require(places.dropFirst().first, "\(places)")
        for index in (tracks + 4)..<(tracks + 64) { bytes[index] ^= 0x5A }
        let failure = try #require(failureOf(bytes))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a damaged WebM: "), "\(failure.reason)")
    }

    @Test func anHTMLPageWhereAVideoWasExpectedIsNamed() {
        let page = Array("<!DOCTYPE html><html><body>404: Not Found</body></html>".utf8)
        #expect(failureOf(page) == PictureFailure(.unknownFormat, "an HTML page where a video was expected"))
    }

    @Test func aFrameOverThePixelLimitIsRefusedFromItsDeclaredSize() throws {
        let bytes = try Self.fixture("video.mp4")
        do {
            _ = try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: nil, maximumPixels: 1000)
            Issue.record("a 64×64 frame was decoded under a 1000-pixel limit")
        } catch {
            #expect(error.kind == .tooLarge)
            #expect(error.reason.hasPrefix("a 64×64 MP4 "), "\(error.reason)")
        }
    }

    @Test func readingGivesUpAfterItsPacketBound() throws {
        // The fixture's H.264 reorders up to two frames (has_b_frames=2): its first frame needs a third packet.
        let bytes = try Self.fixture("video.mp4")
        do {
            _ = try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: nil, maximumPackets: 2)
            Issue.record("a frame came out of two packets")
        } catch {
            #expect(error == PictureFailure(.corrupt, "a damaged MP4: no h264 frame in its first 2 packets"))
        }
        #expect(try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: nil, maximumPackets: 3).width == 64)
    }

    @Test func unknownBytesNameEveryFormatThatIsDrawn() throws {
        let failure = try #require(failureOf([0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10]))
        #expect(failure.reason == "an unknown format (it starts with 00 00 01 00); PNG, JPEG, WebP, GIF, MP4, WebM, FLAC, MP3, Ogg and WAV are drawn")
    }
}
