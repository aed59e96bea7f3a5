import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyUITestDouble

/// Issue 12, part 1: PNG, JPEG and WebP decoded by gdk-pixbuf, recognised from their bytes; fitted while decoding.
@Suite struct PictureDecoderTests {
    static func recorded(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: SharedFixtures.preview(name)))
    }

    /// A legacy preview frame is `00000001` (preview), `00000001` (JPEG), then the JPEG.
    static func previewJPEG() throws -> [UInt8] { Array(try recorded("legacy_frame04.bin").dropFirst(8)) }

    @Test func theRecordedOutputPNGDecodesAtItsSize() throws {
        let image = try PictureDecoder.decode(try Self.recorded("legacy_output.png"), fitting: nil)
        #expect(image.width == 64 && image.height == 64)
        #expect(image.rgba.count == 64 * 64 * 4)
        #expect(Set(image.rgba.enumerated().filter { $0.offset % 4 == 3 }.map(\.element)) == [255])
    }

    @Test func aRecordedPreviewJPEGDecodesAndIsFittedWhileDecoding() throws {
        let full = try PictureDecoder.decode(try Self.previewJPEG(), fitting: nil)
        #expect(full.width == 512 && full.height == 512)
        let fitted = try PictureDecoder.decode(try Self.previewJPEG(), fitting: (width: 100, height: 50))
        #expect(fitted.width == 50 && fitted.height == 50)
    }

    @Test func aSolidPNGKeepsItsColour() throws {
        let image = try PictureDecoder.decode(ImageEncoder.solidPNG(width: 30, height: 10, rgb: 0x3366CC), fitting: nil)
        #expect(image.width == 30 && image.height == 10)
        #expect(image.pixel(x: 29, y: 9) == RGB(packed: 0x3366CC))
    }

    @Test func aSmallPictureIsNeverEnlargedByTheDecoder() throws {
        let image = try PictureDecoder.decode(ImageEncoder.solidPNG(width: 8, height: 4, rgb: 0xFF0000), fitting: (width: 800, height: 800))
        #expect(image.width == 8 && image.height == 4)
    }

    @Test func theFormatIsSniffedFromTheBytesNotAName() throws {
        #expect(PictureFormat.sniff(try Self.recorded("legacy_output.png")) == .png)
        #expect(PictureFormat.sniff(try Self.previewJPEG()) == .jpeg)
        #expect(PictureFormat.sniff(Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp)
        #expect(PictureFormat.sniff(Array("GIF89a".utf8)) == .gif)
        #expect(PictureFormat.sniff(Array("<html>".utf8)) == nil)
    }

    @Test func aWebPDecodes() async throws {
        let image = try PictureDecoder.decode(try await Self.convert(["-size", "40x20", "xc:#20C040"], to: "webp"), fitting: nil)
        #expect(image.width == 40 && image.height == 20)
        let centre = image.pixel(x: 20, y: 10)
        #expect(abs(Int(centre.green) - 0xC0) < 16 && centre.red < 64 && centre.blue < 96)
    }

    @Test func anAnimatedWebPShowsItsFirstFrame() async throws {
        let webp = try await Self.convert(["-size", "40x20", "xc:#FF0000", "xc:#0000FF", "-loop", "0"], to: "webp")
        let image = try PictureDecoder.decode(webp, fitting: nil)
        let centre = image.pixel(x: 20, y: 10)
        #expect(centre.red > 200 && centre.blue < 60)
    }

    /// A picture written by ImageMagick (Debian's `imagemagick`, which the TUI's screenshot tests use too).
    static func convert(_ arguments: [String], to format: String) async throws -> [UInt8] {
        try await withTemporaryDirectory("ck-pictures") { directory in
            let out = directory.appendingPathComponent("picture.\(format)")
            let result = try await Subprocess.run("convert", arguments + [out.path])
            #expect(result.status == 0, "convert: \(result.stderr)")
            return try [UInt8](Data(contentsOf: out))
        }
    }
}
