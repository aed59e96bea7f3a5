import Testing
@testable import ComfyKitTUI

/// Issue 12, "living with ncurses", pure: graphics are written only when what a rectangle shows changed, erased
/// (kitty: deleted; sixel: its cells written again) when it goes or changes, and all written again after a resize.
@Suite struct PictureLayerTests {
    static let panel = Rect(column: 60, row: 20, width: 12, height: 6)
    static let thumb = Rect(column: 2, row: 4, width: 8, height: 4)

    private func graphic(_ rect: Rect, _ source: PictureSource) -> PictureLayer.Graphic {
        PictureLayer.Graphic(rect: rect, source: source, bytes: Array("<\(source)>".utf8))
    }

    @Test func aPictureIsWrittenOnceAndNotAgainWhileItStays() {
        var layer = PictureLayer(erasure: .kittyDelete(passthrough: false))
        let first = layer.update(to: [graphic(Self.panel, .preview(runID: 1, frame: 1))], fullRedraw: false)
        #expect(first.after == [PictureFrame.Write(column: 60, row: 20, bytes: Array("<preview(runID: 1, frame: 1)>".utf8))])
        #expect(first.before.isEmpty && first.repaint.isEmpty)
        for _ in 0..<5 {
            #expect(layer.update(to: [graphic(Self.panel, .preview(runID: 1, frame: 1))], fullRedraw: false).isEmpty,
                    "progress ticks redraw the cells, never the picture")
        }
    }

    @Test func aNewFrameInTheSameRectangleDeletesTheKittyPlacementThenWritesTheNewOne() {
        var layer = PictureLayer(erasure: .kittyDelete(passthrough: false))
        _ = layer.update(to: [graphic(Self.panel, .preview(runID: 1, frame: 1))], fullRedraw: false)
        let next = layer.update(to: [graphic(Self.panel, .preview(runID: 1, frame: 2))], fullRedraw: false)
        #expect(next.before == [Array("\u{1B}_Ga=d,d=p,x=61,y=21,q=2\u{1B}\\".utf8)])
        #expect(next.after.map(\.row) == [20])
        #expect(layer.shown == [Self.panel: .preview(runID: 1, frame: 2)])
    }

    @Test func aSixelPictureThatGoesHasItsCellsWrittenAgain() {
        var layer = PictureLayer(erasure: .repaintCells)
        _ = layer.update(to: [graphic(Self.panel, .output(url: "a")), graphic(Self.thumb, .output(url: "b"))], fullRedraw: false)
        let covered = layer.update(to: [graphic(Self.thumb, .output(url: "b"))], fullRedraw: false)
        #expect(covered.repaint == [Self.panel])
        #expect(covered.before.isEmpty && covered.after.isEmpty, "the picture that stays is not written again")
        let gone = layer.update(to: [], fullRedraw: false)
        #expect(gone.repaint == [Self.thumb])
        #expect(layer.shown.isEmpty)
    }

    @Test func aPictureMovedToAnotherRectangleIsErasedWhereItWas() {
        var layer = PictureLayer(erasure: .kittyDelete(passthrough: false))
        _ = layer.update(to: [graphic(Self.thumb, .output(url: "a"))], fullRedraw: false)
        let moved = Rect(column: 2, row: 6, width: 8, height: 4)
        let frame = layer.update(to: [graphic(moved, .output(url: "a"))], fullRedraw: false)
        #expect(frame.before == [PictureLayer.delete(at: Self.thumb, passthrough: false)])
        #expect(frame.after.map(\.row) == [6])
    }

    @Test func afterAResizeEverythingIsErasedAndWrittenAgain() {
        var layer = PictureLayer(erasure: .kittyDelete(passthrough: true))
        _ = layer.update(to: [graphic(Self.panel, .output(url: "a"))], fullRedraw: false)
        let frame = layer.update(to: [graphic(Self.panel, .output(url: "a"))], fullRedraw: true)
        #expect(frame.before == [PictureLayer.deleteAll(passthrough: true)])
        #expect(String(decoding: frame.before[0], as: UTF8.self).contains("_Ga=d,d=a,q=2"), "the placements go, the images stay to be placed again")
        #expect(String(decoding: frame.before[0], as: UTF8.self).hasPrefix("\u{1B}Ptmux;"), "inside tmux the delete passes through")
        #expect(frame.after.count == 1)
    }

    @Test func clearingErasesEveryPicture() {
        var layer = PictureLayer(erasure: .repaintCells)
        _ = layer.update(to: [graphic(Self.panel, .output(url: "a")), graphic(Self.thumb, .output(url: "b"))], fullRedraw: false)
        let frame = layer.clear()
        #expect(Set(frame.repaint) == [Self.panel, Self.thumb])
        #expect(layer.shown.isEmpty)
    }
}
