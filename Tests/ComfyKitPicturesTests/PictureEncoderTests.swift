import ComfyKitPictures
import Foundation
import Testing
@testable import ComfyUITestDouble

/// Issue 12, part 1: libchafa turns pixels into kitty graphics, sixel or symbol art, fitted inside the cells given
/// with the picture's aspect kept through the cell size.
@Suite struct PictureEncoderTests {
    static let tenByTwenty = CellSize(width: 10, height: 20)

    private func encoder(_ picture: PictureProtocol, passthrough: Bool = false, monochrome: Bool = false,
                         cellSize: CellSize = tenByTwenty) -> PictureEncoder {
        PictureEncoder(choice: PictureChoice(picture: picture, passthrough: passthrough, monochrome: monochrome, reason: "test"),
                       cellSize: cellSize)
    }

    private func solid(_ width: Int, _ height: Int, _ rgb: Int) throws -> PixelImage {
        try PictureDecoder.decode(ImageEncoder.solidPNG(width: width, height: height, rgb: rgb), fitting: nil)
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func aSquareFillsFortyByTwentyCellsOfTenByTwentyPixels() throws {
        let picture = encoder(.symbols).encode(try solid(64, 64, 0xFF0000), columns: 40, rows: 20)
        #expect(picture.columns == 40 && picture.rows == 20)
    }

    @Test func theAspectIsKeptThroughTheCellSize() throws {
        let wide = try solid(200, 100, 0x00FF00)
        #expect(encoder(.symbols).fittedCells(width: 200, height: 100, columns: 40, rows: 20) == (40, 10))
        #expect(encoder(.kitty).encode(wide, columns: 40, rows: 20).rows == 10)
        #expect(encoder(.symbols, cellSize: CellSize(width: 10, height: 10)).fittedCells(width: 200, height: 100, columns: 40, rows: 40) == (40, 20))
    }

    @Test func symbolsAreCellsInThePicturesColours() throws {
        guard case .symbols(let rows) = encoder(.symbols).encode(try solid(64, 64, 0xFF0000), columns: 8, rows: 4) else {
            Issue.record("symbols expected")
            return
        }
        #expect(rows.count == 4 && rows.allSatisfy { $0.count == 8 })
        for cell in rows.joined() {
            // A solid picture is one colour whichever of the cell's two colours the symbol shows.
            let shown = cell.character == " " ? cell.background : (cell.character == "█" ? cell.foreground : cell.background)
            #expect(shown == RGB(packed: 0xFF0000), "\(cell)")
        }
    }

    @Test func noColorSymbolsCarryNoColour() throws {
        guard case .symbols(let rows) = encoder(.symbols, monochrome: true).encode(try solid(64, 32, 0xFFFFFF), columns: 8, rows: 4) else {
            Issue.record("symbols expected")
            return
        }
        #expect(!rows.isEmpty)
        #expect(rows.joined().allSatisfy { $0.foreground == nil && $0.background == nil })
    }

    @Test func kittyBytesCarryTheImageIDAndAskForNoAnswer() throws {
        let picture = encoder(.kitty).encode(try solid(64, 64, 0x0000FF), columns: 20, rows: 10, kittyImageID: 7)
        guard case .graphics(let bytes, let columns, let rows) = picture else {
            Issue.record("graphics expected")
            return
        }
        #expect((columns, rows) == (20, 10))
        #expect(text(bytes).hasPrefix("\u{1B}_Ga=T,i=7,q=2,f=32,s=200,v=200,c=20,r=10,"), "\(text(bytes).prefix(60))")
        #expect(text(bytes).hasSuffix("\u{1B}\\"))
        #expect(encoder(.kitty).erase(kittyImageID: 7) == Array("\u{1B}_Ga=d,d=I,i=7,q=2\u{1B}\\".utf8))
        #expect(encoder(.kitty).eraseAll() == Array("\u{1B}_Ga=d,d=A,q=2\u{1B}\\".utf8))
        #expect(encoder(.sixel).erase(kittyImageID: 7).isEmpty)
    }

    @Test func aKittyImageIsSentOnceWithoutShowingItThenPlacedByItsID() throws {
        let kitty = encoder(.kitty)
        let (image, bytes) = try #require(kitty.kittyTransmission(try solid(64, 64, 0x0000FF), columns: 20, rows: 10, imageID: 9))
        #expect(image == KittyImage(imageID: 9, columns: 20, rows: 10, transmittedBytes: bytes.count))
        #expect(text(bytes).hasPrefix("\u{1B}_Ga=t,i=9,q=2,f=32,s=200,v=200,"), "transmitted, not displayed: \(text(bytes).prefix(60))")
        #expect(text(bytes).hasSuffix("\u{1B}\\"))
        #expect(kitty.kittyPlacement(image) == Array("\u{1B}_Ga=p,i=9,c=20,r=10,C=1,q=2\u{1B}\\".utf8))
        #expect(encoder(.sixel).kittyTransmission(try solid(64, 64, 0x0000FF), columns: 20, rows: 10, imageID: 9) == nil)
        let tmux = encoder(.kitty, passthrough: true)
        #expect(text(tmux.kittyPlacement(image)).hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_Ga=p,i=9,"))
    }

    @Test func sixelIsOneDCSSequenceInThePicturesColours() throws {
        guard case .graphics(let bytes, let columns, let rows) = encoder(.sixel).encode(try solid(64, 64, 0xFF0000), columns: 20, rows: 10) else {
            Issue.record("graphics expected")
            return
        }
        #expect((columns, rows) == (20, 10))
        let sixel = text(bytes)
        #expect(sixel.hasPrefix("\u{1B}P") && sixel.hasSuffix("\u{1B}\\"))
        // The raster attributes give the pixel size (200 wide; height rounded to whole sixel rows), and the palette
        // defines pure red in sixel's percentages.
        #expect(sixel.contains("\"1;1;200;"), "\(sixel.prefix(40))")
        #expect(sixel.contains(";2;100;0;0"), "\(sixel.prefix(80))")
    }

    @Test func throughTmuxEachSequenceIsWrapped() throws {
        guard case .graphics(let bytes, _, _) = encoder(.kitty, passthrough: true).encode(try solid(64, 64, 0x0000FF), columns: 20, rows: 10, kittyImageID: 1) else {
            Issue.record("graphics expected")
            return
        }
        let wrapped = text(bytes)
        #expect(wrapped.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_Ga=T,i=1,q=2,"))
        #expect(wrapped.components(separatedBy: "\u{1B}Ptmux;").count - 1 == wrapped.components(separatedBy: "\u{1B}\u{1B}_G").count - 1)
        #expect(encoder(.kitty, passthrough: true).erase(kittyImageID: 1) == Array("\u{1B}Ptmux;\u{1B}\u{1B}_Ga=d,d=I,i=1,q=2\u{1B}\u{1B}\\\u{1B}\\".utf8))
    }

    @Test func printableSymbolsAreLinesOfColouredText() throws {
        let printed = text(encoder(.symbols).printable(try solid(64, 64, 0xFF0000), columns: 8, rows: 4))
        #expect(printed.split(separator: "\n").count == 4)
        #expect(printed.contains("255;0;0"))
        #expect(!printed.contains("\u{1B}_G") && !printed.contains("\u{1B}P"))
    }

    @Test func offDrawsNothing() throws {
        #expect(encoder(.off).encode(try solid(4, 4, 0), columns: 10, rows: 10) == .symbols([]))
        #expect(encoder(.off).printable(try solid(4, 4, 0), columns: 10, rows: 10).isEmpty)
    }
}
