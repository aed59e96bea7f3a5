import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyUITestDouble

/// Issue 12, part 5: every bad input gets a failure with its reason (what a placeholder shows), never a crash, and a
/// huge picture is refused from its header, before its pixels.
@Suite struct BadPictureTests {
    private func failureOf(_ bytes: [UInt8]) -> PictureFailure? {
        do {
            _ = try PictureDecoder.decode(bytes, fitting: (width: 400, height: 400))
            return nil
        } catch {
            return error
        }
    }

    @Test func noBytesAreAnEmptyFile() {
        #expect(failureOf([]) == PictureFailure(.empty, "an empty file (0 bytes), not a picture"))
    }

    @Test func anHTMLPageWhereAPictureWasExpectedIsNamed() {
        let page = Array("\n  <!DOCTYPE html><html><body>502 Bad Gateway</body></html>".utf8)
        #expect(failureOf(page) == PictureFailure(.unknownFormat, "an HTML page where a picture was expected"))
        #expect(failureOf(Array("{\"error\": \"not found\"}".utf8))?.reason == "JSON text where a picture was expected")
    }

    @Test func unknownBytesAreAnUnknownFormatNamingTheDrawnOnes() throws {
        let failure = try #require(failureOf([0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10]))
        #expect(failure.kind == .unknownFormat)
        #expect(failure.reason == "an unknown format (it starts with 00 00 01 00); PNG, JPEG, WebP and GIF are drawn")
    }

    @Test func aTruncatedPNGIsReportedAsTruncated() throws {
        let png = ImageEncoder.solidPNG(width: 300, height: 300, rgb: 0x808080)
        let failure = try #require(failureOf(Array(png.prefix(png.count / 2))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a truncated PNG: "), "\(failure.reason)")
    }

    @Test func aPNGWithADamagedChunkIsReportedAsDamaged() throws {
        var png = try [UInt8](Data(contentsOf: SharedFixtures.preview("legacy_output.png")))
        for index in 40..<min(png.count - 12, 400) { png[index] ^= 0x5A }
        let failure = try #require(failureOf(png))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.contains("PNG: "), "\(failure.reason)")
    }

    @Test func aTruncatedJPEGIsReported() throws {
        let jpeg = Array(try PictureDecoderTests.previewJPEG())
        let failure = try #require(failureOf(Array(jpeg.prefix(600))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.contains("JPEG"), "\(failure.reason)")
    }

    @Test func aTruncatedWebPIsReportedAsTruncated() async throws {
        let webp = try await PictureDecoderTests.convert(["-size", "64x64", "plasma:"], to: "webp")
        let failure = try #require(failureOf(Array(webp.prefix(webp.count / 2))))
        #expect(failure.kind == .corrupt)
        #expect(failure.reason.hasPrefix("a truncated WebP") || failure.reason.hasPrefix("a damaged WebP"), "\(failure.reason)")
    }

    @Test func aTwentyThousandPixelSquarePNGIsRefusedFromItsHeader() throws {
        let png = ImageEncoder.solidPNG(width: 20_000, height: 20_000, rgb: 0x2040FF)
        let failure = try #require(failureOf(png))
        #expect(failure == PictureFailure(.tooLarge, "a 20000×20000 PNG (400 megapixels) is too large to draw; pictures up to 40 megapixels are drawn"))
    }

    @Test func theLimitIsTheCallersToChoose() throws {
        let png = ImageEncoder.solidPNG(width: 200, height: 100, rgb: 0x2040FF)
        #expect(throws: PictureFailure.self) { try PictureDecoder.decode(png, fitting: nil, maximumPixels: 19_999) }
        #expect(try PictureDecoder.decode(png, fitting: nil, maximumPixels: 20_000).width == 200)
    }
}
