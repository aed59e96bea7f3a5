import ComfyKit
import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 12: what the TUI makes of a video output (its first frame, as any picture) and a sound output (a waveform
/// with its caption), and the "▶ video" mark beside a video's thumbnail. The files are the double's fixtures.
@Suite struct MediaThumbnailTests {
    private let encoder = PictureEncoder(choice: PictureChoice(picture: .symbols, passthrough: false, monochrome: false, reason: "test"),
                                         cellSize: .fallback)

    private func made(_ fixture: String, as url: String, columns: Int = 30, rows: Int = 6) throws -> PictureStage.Made {
        let bytes = try [UInt8](Data(contentsOf: SharedFixtures.output(fixture)))
        return PictureJob.make(bytes, key: PictureStage.Key(source: .output(url: url), columns: columns, rows: rows), kittyImageID: nil, encoder: encoder,
                              fetched: nil).made
    }

    @Test func aSoundIsMadeIntoAWaveformWithItsCaptionOnTheLastRow() throws {
        guard case .waveform(let rows, let caption) = try made("audio.flac", as: "http://h/view?filename=a.flac") else {
            Issue.record("a FLAC was not made into a waveform")
            return
        }
        #expect(rows.count == 5 && rows.allSatisfy { $0.count == 30 })
        #expect(rows.contains(String(repeating: "⣿", count: 30)), "\(rows)")
        #expect(caption == "1.0 s · 22.05 kHz · stereo")
    }

    @Test func aSoundInARectangleUnderThreeRowsHasNoCaption() throws {
        guard case .waveform(let rows, let caption) = try made("audio.mp3", as: "http://h/view?filename=a.mp3", rows: 2) else {
            Issue.record("an MP3 was not made into a waveform")
            return
        }
        #expect(rows.count == 2 && caption.isEmpty)
    }

    @Test func aVideoIsMadeIntoSymbolsOfItsFirstFramesColour() throws {
        guard case .cells(let rows) = try made("video-vp9.webm", as: "http://h/view?filename=v.webm", columns: 12, rows: 6) else {
            Issue.record("a WebM was not made into symbols")
            return
        }
        let colours = rows.joined().compactMap(\.background)
        #expect(!colours.isEmpty && colours.allSatisfy { $0.red > 180 && $0.green < 90 && $0.blue < 80 }, "\(Set(colours))")
    }

    @Test func anHTMLPageServedForAVideoSaysSoInItsPlaceholder() {
        let page = Array("<!DOCTYPE html><title>oops</title>".utf8)
        let made = PictureJob.make(page, key: PictureStage.Key(source: .output(url: "http://h/view?filename=v.mp4"), columns: 20, rows: 8), kittyImageID: nil,
                                  encoder: encoder, fetched: nil).made
        guard case .failed(let reason) = made else {
            Issue.record("HTML was drawn")
            return
        }
        #expect(reason == "an HTML page where a video was expected")
    }

    @Test func aVideosThumbnailIsMarkedAsVideo() {
        var run = RunState(id: 1, workflowPath: "/w/clip.json", workflowName: "clip")
        run.phase = .finished(.completed)
        run.outputs = [.file(url: "http://h/view?filename=clip.mp4&type=output"), .file(url: "http://h/view?filename=still.png&type=output")]
        var screen = Screen(width: 60, height: 20)
        ThumbnailGrid(run: run, selected: 0).render(into: Rect(column: 0, row: 0, width: 60, height: 20), &screen)
        #expect(screen.pictures.count == 2)
        #expect(screen.lines.filter { $0.contains("▶ video") }.count == 1, "\(screen.lines)")
    }
}
