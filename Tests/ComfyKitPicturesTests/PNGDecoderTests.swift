import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyUITestDouble

/// Issue 12: a PNG is read with libpng a row at a time and averaged into the box it is drawn in. Every colour type,
/// bit depth and interlacing comes out as RGBA; the average is over the area (a one-pixel pattern becomes its mean,
/// not whichever pixels a sampler lands on), and transparent pixels lend no colour to their neighbours. The text
/// chunks ComfyUI fills with the prompt and the workflow are skipped unread.
@Suite struct PNGDecoderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        /// IHDR's bit depth, colour type and interlace method, as the file must have them for the case to test it.
        let header: (depth: UInt8, colourType: UInt8, interlace: UInt8)
        let expected: (red: Int, green: Int, blue: Int, alpha: Int)
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "16-bit RGB", arguments: ["-size", "64x32", "xc:#E03020", "-define", "png:color-type=2", "-define", "png:bit-depth=16"],
             header: (16, 2, 0), expected: (0xE0, 0x30, 0x20, 255)),
        Case(name: "Adam7-interlaced RGB",
             arguments: ["-size", "64x32", "xc:#E03020", "-define", "png:color-type=2", "-define", "png:bit-depth=8", "-interlace", "PNG"],
             header: (8, 2, 1), expected: (0xE0, 0x30, 0x20, 255)),
        Case(name: "8-bit palette", arguments: ["-size", "64x32", "xc:#E03020", "-define", "png:color-type=3", "-define", "png:bit-depth=8"],
             header: (8, 3, 0), expected: (0xE0, 0x30, 0x20, 255)),
        // What ImageMagick writes for one colour unless told otherwise.
        Case(name: "1-bit palette", arguments: ["-size", "64x32", "xc:#E03020"],
             header: (1, 3, 0), expected: (0xE0, 0x30, 0x20, 255)),
        Case(name: "grey with alpha", arguments: ["-size", "64x32", "xc:#80808080", "-define", "png:color-type=4"],
             header: (8, 4, 0), expected: (0x80, 0x80, 0x80, 0x80)),
        Case(name: "16-bit grey",
             arguments: ["-size", "64x32", "xc:gray50", "-colorspace", "Gray", "-define", "png:color-type=0", "-define", "png:bit-depth=16"],
             header: (16, 0, 0), expected: (0x80, 0x80, 0x80, 255)),
    ]

    @Test(arguments: cases)
    func everyColourTypeDepthAndInterlacingComesOutAsRGBA(_ sample: Case) async throws {
        let png = try await PictureDecoderTests.convert(sample.arguments, to: "png")
        // IHDR's fields follow the signature (8), the chunk's length and type (8), width and height (8).
        #expect((png[24], png[25], png[28]) == sample.header, "convert wrote \(png[24])-bit colour type \(png[25]), interlace \(png[28])")
        let image = try PictureDecoder.decode(png, fitting: (width: 32, height: 32))
        #expect(image.width == 32 && image.height == 16)
        for (x, y) in [(0, 0), (16, 8), (31, 15)] {
            let offset = (y * image.width + x) * 4
            let pixel = image.rgba[offset..<offset + 4].map(Int.init)
            let expected = [sample.expected.red, sample.expected.green, sample.expected.blue, sample.expected.alpha]
            #expect(zip(pixel, expected).allSatisfy { abs($0 - $1) <= 1 }, "(\(x), \(y)): \(pixel), expected \(expected)")
        }
    }

    @Test func aOnePixelPatternIsAveragedOverItsArea() async throws {
        // ImageMagick's gray50 pattern: black and white pixels alternating both ways.
        let png = try await PictureDecoderTests.convert(["-size", "400x400", "pattern:gray50"], to: "png")
        let image = try PictureDecoder.decode(png, fitting: (width: 100, height: 100))
        #expect(image.width == 100 && image.height == 100)
        let greys = Set(stride(from: 0, to: image.rgba.count, by: 4).map { image.rgba[$0] })
        #expect(greys.allSatisfy { (126...129).contains($0) }, "greys: \(greys.sorted())")
    }

    @Test func transparentPixelsLendNoColourToTheAverage() async throws {
        let png = try await PictureDecoderTests.convert(["-size", "200x100", "xc:#00000000", "xc:#FFFFFFFF", "+append"], to: "png")
        let image = try PictureDecoder.decode(png, fitting: (width: 1, height: 1))
        #expect(image.width == 1 && image.height == 1)
        #expect(Array(image.rgba) == [255, 255, 255, 128], "\(Array(image.rgba))")
    }

    @Test func aDamagedDataChunkIsNamedByLibpng() async throws {
        var png = try await PictureDecoderTests.convert(["-size", "64x64", "plasma:"], to: "png")
        let idat = try #require(png.indices.first { png[$0...].starts(with: Array("IDAT".utf8)) })
        png[idat + 20] ^= 0xFF
        do {
            _ = try PictureDecoder.decode(png, fitting: nil)
            Issue.record("a damaged IDAT decoded")
        } catch {
            #expect(error.kind == .corrupt)
            #expect(error.reason.hasPrefix("a damaged PNG: ") && error.reason.contains("IDAT"), "\(error.reason)")
        }
    }

    /// The recorded ComfyUI output with its tEXt chunk (the prompt, 1,163 bytes) replaced by `text`'s chunk.
    private func recordedOutput(text: [UInt8]) throws -> [UInt8] {
        let png = try PictureDecoderTests.recorded("legacy_output.png")
        // Signature and IHDR: 33 bytes; then the tEXt chunk: 12 + 1,163 bytes (see the recording).
        #expect(Array(png[37..<41]) == Array("tEXt".utf8))
        return Array(png[..<33]) + ImageEncoder.chunk("tEXt", text) + Array(png[(33 + 12 + 1163)...])
    }

    @Test func aWorkflowOfMegabytesInATextChunkIsSkippedUnread() throws {
        let workflow = Array("workflow".utf8) + [0] + Array(repeating: Array(#"{"id": 1, "type": "KSampler"}, "#.utf8), count: 400_000).joined()
        let image = try PictureDecoder.decode(try recordedOutput(text: workflow), fitting: nil)
        let plain = try PictureDecoder.decode(try PictureDecoderTests.recorded("legacy_output.png"), fitting: nil)
        #expect(image == plain)
    }

    @Test func aDamagedTextChunkStillDrawsThePictureItDoesNotTouch() throws {
        let text = Array("prompt".utf8) + [0] + Array(#"{"3": {"class_type": "KSampler"}}"#.utf8)
        var png = try recordedOutput(text: text)
        png[33 + 8 + 10] ^= 0xFF   // a byte of the text, its CRC now wrong
        let image = try PictureDecoder.decode(png, fitting: nil)
        #expect(image == (try PictureDecoder.decode(try PictureDecoderTests.recorded("legacy_output.png"), fitting: nil)))
    }
}
