import ComfyKit
import ComfyKitPictures
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 12, "living with ncurses", through the real runtime on the headless backend against the double: a finished
/// run's picture is sent once in kitty's protocol and placed at the panel's cell, not again while nothing changes, its
/// placement deleted when the help overlay covers it, placed again (not sent again) when it closes, and deleted and
/// freed when the app quits.
@Suite(.serialized) struct PictureRuntimeTests {
    @Test func aKittyPictureIsSentOncePlacedAgainAfterTheHelpAndFreedOnQuit() async throws {
        try await withComfyUIDouble { double in
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL), environment: [:]))
            let started = Date()
            var step = 0
            var writesBeforeHelp = 0
            var drawnAt = Date.distantFuture
            let terminal = HeadlessTerminal(width: 110, height: 32) { terminal in
                let text = terminal.screen.lines.joined(separator: "\n")
                let writes = terminal.pictureFrames.flatMap(\.after)
                if Date().timeIntervalSince(started) > 30 { return [.key(.character("q"))] }
                switch step {
                case 0 where text.contains("no-model/solid_color") && !text.contains("reading…"):
                    step = 1
                    return [.key(.character("/"))] + "solid_color".map { .key(.character($0)) } + [.key(.enter), .key(.enter)]
                case 1 where text.contains("› width"):
                    step = 2
                    return [.key(.enter)]
                case 2 where text.contains("completed") && !writes.isEmpty:
                    step = 3
                    drawnAt = Date()
                    return []
                case 3 where Date().timeIntervalSince(drawnAt) > 2.5:
                    // Frames drawn meanwhile (the header's server probe every 2 s) wrote no picture again.
                    step = 4
                    writesBeforeHelp = writes.count
                    return [.key(.f1)]
                case 4 where text.contains("images"):
                    step = 5
                    return [.key(.escape)]
                case 5 where writes.count > writesBeforeHelp:
                    step = 6
                    return [.key(.escape), .key(.character("q"))]
                default:
                    return []
                }
            }
            let runtime = Runtime(state: AppState(folder: Fixtures.examplesFolder, serverURL: double.baseURL.absoluteString), kit: kit,
                                  downloadFolder: FileManager.default.temporaryDirectory)
            runtime.showPictures(PictureChoice(picture: .kitty, passthrough: false, monochrome: false, reason: "kitty (asked for)"),
                                 cellSize: CellSize(width: 10, height: 20))
            _ = runtime.run(on: terminal)
            await kit.close()
            #expect(step == 6, "screen:\n\(terminal.screen.lines.joined(separator: "\n"))")
            let frames = terminal.pictureFrames
            let writes = frames.flatMap(\.after)
            #expect(writes.count == 2, "written when done and after the help, never while nothing changed: \(writes.count)")
            #expect(writes.allSatisfy { $0.column == 97 && $0.row == 24 }, "at the panel picture's top-left cell")
            let before = frames.flatMap(\.before).map { String(decoding: $0, as: UTF8.self) }
            let sent = before.filter { $0.hasPrefix("\u{1B}_Ga=t,") }
            #expect(sent.count == 1, "the picture is sent to the terminal once, then only placed: \(sent.count) sent")
            let id = try #require(sent.first?.dropFirst("\u{1B}_Ga=t,i=".count).prefix { $0.isNumber }, "sent with its id")
            #expect(sent.first?.hasPrefix("\u{1B}_Ga=t,i=\(id),q=2,") == true)
            #expect(writes.allSatisfy { String(decoding: $0.bytes, as: UTF8.self).hasPrefix("\u{1B}_Ga=p,i=\(id),") }, "placed by its id")
            #expect(writes.allSatisfy { $0.bytes.count < 100 }, "a placement, not the picture again: \(writes.map(\.bytes.count))")
            let deletes = before.filter { $0.hasPrefix("\u{1B}_Ga=d,") }
            #expect(deletes == ["\u{1B}_Ga=d,d=p,x=98,y=25,q=2\u{1B}\\", "\u{1B}_Ga=d,d=p,x=98,y=25,q=2\u{1B}\\", "\u{1B}_Ga=d,d=I,i=\(id),q=2\u{1B}\\"],
                    "the placement deleted under the help and on quitting, the image freed on quitting: \(deletes)")
        }
    }
}
