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

    /// The recorded SD1.5 run against the double sending its four preview frames 300 ms apart and serving its output:
    /// each kitty frame is sent once under its own id, and freed as soon as no slot shows it (the next frame or the
    /// output replaced it, or it was made after the run ended), so the terminal keeps no more than the pictures on
    /// screen; the output is freed on quitting.
    @Test func kittyPreviewFramesAreFreedByIDOnceNoSlotShowsThem() async throws {
        try await withComfyUIDoubleProcess(["--previews", "recorded", "--image-output", "recorded", "--progress-ms", "300"]) { double in
            try await withTemporaryDirectory("ck-kitty-previews") { folder in
                let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedFixtures.preview("metadata.json"))) as? [String: Any]
                let workflow = String(decoding: try JSONSerialization.data(withJSONObject: try #require(recording?["workflow"])), as: UTF8.self)
                try Data(workflow.replacingOccurrences(of: "$prompt.text!", with: "$prompt.text").utf8)
                    .write(to: folder.appendingPathComponent("sd15_recorded.json"))
                let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL), environment: [:]))
                let started = Date()
                var step = 0
                var completedAt = Date.distantFuture
                let terminal = HeadlessTerminal(width: 110, height: 32) { terminal in
                    let text = terminal.screen.lines.joined(separator: "\n")
                    if Date().timeIntervalSince(started) > 30 { return [.key(.character("q"))] }
                    switch step {
                    case 0 where text.contains("sd15_recorded") && !text.contains("reading…"):
                        step = 1
                        return [.key(.enter)]
                    case 1 where text.contains("⏎ run"):
                        step = 2
                        return [.key(.enter)]
                    case 2 where text.contains("completed"):
                        step = 3
                        completedAt = Date()
                        return []
                    case 3 where Date().timeIntervalSince(completedAt) > 1.5:
                        step = 4
                        return [.key(.escape), .key(.character("q"))]
                    default:
                        return []
                    }
                }
                let runtime = Runtime(state: AppState(folder: folder.path, serverURL: double.baseURL.absoluteString), kit: kit,
                                      downloadFolder: FileManager.default.temporaryDirectory)
                runtime.showPictures(PictureChoice(picture: .kitty, passthrough: false, monochrome: false, reason: "kitty (asked for)"),
                                     cellSize: CellSize(width: 10, height: 20))
                _ = runtime.run(on: terminal)
                await kit.close()
                #expect(step == 4, "screen:\n\(terminal.screen.lines.joined(separator: "\n"))")

                let frames = terminal.pictureFrames.map { $0.before.map { String(decoding: $0, as: UTF8.self) } }
                func ids(_ prefix: String, in commands: [String]) -> [String] {
                    commands.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count).prefix { $0.isNumber }) }
                }
                let sent = ids("\u{1B}_Ga=t,i=", in: frames.joined().map { $0 })
                #expect(sent.count >= 3 && Set(sent).count == sent.count, "previews and the output, each sent once under its own id: \(sent)")
                let placed = ids("\u{1B}_Ga=p,i=", in: terminal.pictureFrames.flatMap(\.after).map { String(decoding: $0.bytes, as: UTF8.self) })
                let output = try #require(placed.last, "the output placed last")
                let freedBeforeQuitting = ids("\u{1B}_Ga=d,d=I,i=", in: frames.dropLast().joined().map { $0 })
                #expect(freedBeforeQuitting.sorted() == sent.filter { $0 != output }.sorted(),
                        "each preview frame freed once no slot showed it: \(freedBeforeQuitting) of \(sent), output \(output)")
                #expect(ids("\u{1B}_Ga=d,d=I,i=", in: frames.last ?? []) == [output], "the output freed on quitting")
            }
        }
    }
}
