import CellWidth
import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Several runs in flight, the runs screen, outputs by name, per-file downloads and the clipboard.
@Suite struct RunsTests {
    static let imageA = "http://127.0.0.1:8188/view?filename=a.png&type=output"
    static let imageB = "http://127.0.0.1:8188/view?filename=b.png&type=output"
    static let video = "http://127.0.0.1:8188/view?filename=clip.mp4&type=output"

    /// Two runs started from two workflows; run 1 queued behind run 2, which is running.
    private func twoRuns() throws -> AppState {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        Fixtures.select("no-model/animated_noise", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        _ = update(&state, .runEvent(runID: 1, .queued(position: 1)))
        _ = update(&state, .runEvent(runID: 2, .started))
        _ = update(&state, .runEvent(runID: 2, .progress(node: "3", value: 1, max: 4, overall: 0.25)))
        return state
    }

    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    private func finish(_ id: Int, with result: ExecuteResult, in state: inout AppState) {
        _ = update(&state, .runEvent(runID: id, .finished(RunOutcome(result: result))))
    }

    private var twoGroups: ExecuteResult {
        ExecuteResult(status: .completed, imagesByVar: ["hero": [Self.imageA], "thumb": [Self.imageB]], videosByVar: ["hero": [Self.video]])
    }

    @Test func bracketsPickARunAndCancelTargetsTheSelectedOne() throws {
        var state = try twoRuns()
        #expect(state.currentRun?.id == 2)
        #expect(lines(state).contains { $0.contains("run #2 no-model/animated_noise  running") && $0.contains("(run 2/2)") })
        _ = Fixtures.press(.character("["), in: &state)
        #expect(state.currentRun?.id == 1)
        #expect(lines(state).contains { $0.contains("run #1 no-model/solid_color  queued (position 1)") && $0.contains("(run 1/2)") })
        #expect(Fixtures.press(.character("c"), in: &state) == [.cancelRun(runID: 1)])
        #expect(Fixtures.press(.character("x"), in: &state) == [.cancelRun(runID: 1)])
        _ = Fixtures.press(.character("["), in: &state)
        #expect(state.currentRun?.id == 1, "the first run stays selected at the edge")
        _ = Fixtures.press(.character("]"), in: &state)
        #expect(state.currentRun?.id == 2)
        #expect(state.runs.selectedRunID == nil, "picking the newest follows new runs again")
        // In a form, ^X cancels the selected run too.
        _ = Fixtures.press(.character("["), in: &state)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        #expect(Fixtures.press(.control("x"), in: &state) == [.cancelRun(runID: 1)])
    }

    @Test func cancellingAFinishedSelectedRunDoesNothingAndSaysWhy() throws {
        var state = try twoRuns()
        finish(1, with: ExecuteResult(status: .completed), in: &state)
        _ = Fixtures.press(.character("["), in: &state)
        #expect(Fixtures.press(.character("c"), in: &state).isEmpty)
        #expect(state.status == "run #1 has ended; [ ] picks a running one")
    }

    @Test func submittingANewRunSelectsIt() throws {
        var state = try twoRuns()
        _ = Fixtures.press(.character("["), in: &state)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        #expect(state.currentRun?.id == 3)
    }

    @Test func eachRunFoldsOnlyItsOwnEvents() throws {
        var state = try twoRuns()
        _ = update(&state, .runEvent(runID: 1, .started))
        _ = update(&state, .runEvent(runID: 1, .progress(node: "2", value: 3, max: 4, overall: 0.75)))
        #expect(state.runs.all.map(\.overall) == [0.75, 0.25])
        #expect(state.runs.all.map(\.stepValue) == [3, 1])
    }

    @Test func outputsAreGroupedByNameAcrossImagesAndVideos() {
        let groups = OutputGroup.groups(of: twoGroups)
        #expect(groups == [OutputGroup(name: "hero", outputs: [.file(url: Self.imageA), .file(url: Self.video)]),
                           OutputGroup(name: "thumb", outputs: [.file(url: Self.imageB)])])
    }

    @Test func theListPanelShowsOutputsByName() throws {
        var state = try twoRuns()
        finish(2, with: twoGroups, in: &state)
        let text = lines(state)
        #expect(text.contains { $0.contains("hero → a.png") })
        #expect(text.contains { $0.contains("thumb → b.png") })
    }

    @Test func oOpensTheRunsScreenWithTabsOutputsAndLog() throws {
        var state = try twoRuns()
        finish(2, with: twoGroups, in: &state)
        _ = Fixtures.press(.character("o"), in: &state)
        #expect(state.route == .runs)
        let text = lines(state)
        let tabs = try #require(text.first { $0.contains("#1") })
        #expect(tabs.contains("#1 queued 1 no-model/solid_color") && tabs.contains("#2 ✓ no-model/animated_noise"))
        #expect(text.contains { $0.hasPrefix("─ outputs (3)") })
        #expect(text.contains { $0.trimmingCharacters(in: .whitespaces) == "hero" })
        #expect(text.contains { $0.contains("› a.png") })
        #expect(text.contains { $0.hasPrefix("─ log") })
        #expect(text.contains { $0.contains("finished: completed") })
        #expect(text.last?.contains("⏎ download") == true && text.last?.contains("y copy URL") == true)
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.route == .list)
    }

    @Test func oWithoutRunsStaysOnTheList() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("o"), in: &state)
        #expect(state.route == .list)
        #expect(state.status.contains("no runs yet"))
    }

    @Test func jkPickAnOutputEnterDownloadsItAndDDownloadsTheRest() throws {
        var state = try twoRuns()
        finish(2, with: twoGroups, in: &state)
        _ = Fixtures.press(.character("o"), .character("j"), in: &state)
        #expect(state.runs.selectedOutputURL == Self.video)
        #expect(lines(state).contains { $0.contains("› clip.mp4") })
        #expect(Fixtures.press(.enter, in: &state) == [.download(runID: 2, urls: [Self.video])])
        #expect(Fixtures.press(.enter, in: &state).isEmpty, "a file already downloading is not asked for twice")
        #expect(state.status == "run #2: already downloading")
        #expect(Fixtures.press(.character("D"), in: &state) == [.download(runID: 2, urls: [Self.imageA, Self.imageB])])
        _ = Fixtures.press(.character("j"), .character("j"), .character("j"), in: &state)
        #expect(state.runs.selectedOutputURL == Self.imageB, "the selection stops at the last output")
        _ = Fixtures.press(.character("k"), .character("k"), .character("k"), in: &state)
        #expect(state.runs.selectedOutputURL == Self.imageA)
    }

    @Test func perFileProgressAndTheSavedPathAreShownUnderEachURL() throws {
        var state = try twoRuns()
        finish(2, with: twoGroups, in: &state)
        _ = Fixtures.press(.character("o"), .character("D"), in: &state)
        #expect(lines(state).contains { $0.contains("↓ waiting…") })
        _ = update(&state, .downloadProgress(runID: 2, url: Self.imageA, received: 1_500_000, total: 3_000_000))
        _ = update(&state, .downloadProgress(runID: 2, url: Self.imageB, received: 2_048, total: nil))
        var text = lines(state)
        #expect(text.contains { $0.contains("↓ 50%  1.5 MB of 3.0 MB") })
        #expect(text.contains { $0.contains("↓ 2 KB") })
        _ = update(&state, .fileSaved(runID: 2, url: Self.imageA, path: "/tmp/out/a.png"))
        _ = update(&state, .downloadProgress(runID: 2, url: Self.imageA, received: 3_000_000, total: 3_000_000))
        _ = update(&state, .fileFailed(runID: 2, url: Self.imageB, reason: "HTTP 404"))
        text = lines(state)
        #expect(text.contains { $0.contains("✓ saved /tmp/out/a.png") }, "a late progress report does not undo a save")
        #expect(text.contains { $0.contains("✗ HTTP 404") })
        #expect(state.status == "run #2: download failed: HTTP 404")
        // The list's panel shows the same states.
        _ = Fixtures.press(.escape, in: &state)
        #expect(lines(state).contains { $0.hasSuffix("hero → a.png  ✓ saved") })
        #expect(lines(state).contains { $0.hasSuffix("thumb → b.png  ✗ failed") })
    }

    @Test func yCopiesTheHighlightedURL() throws {
        var state = try twoRuns()
        _ = Fixtures.press(.character("o"), in: &state)
        #expect(Fixtures.press(.character("y"), in: &state).isEmpty)
        #expect(lines(state).contains { $0.contains("none yet") })
        finish(2, with: twoGroups, in: &state)
        _ = Fixtures.press(.character("G"), in: &state)
        #expect(Fixtures.press(.character("y"), in: &state) == [.copyToClipboard(Self.imageB)])
        #expect(state.status == "copied to the clipboard: " + Self.imageB)
    }

    @Test func osc52WrapsTheBase64OfTheTextBetweenESCAndBEL() {
        let bytes = OSC52.sequence(copying: "http://h/view?filename=ü.png")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}]52;c;") && bytes.last == 0x07)
        let payload = text.dropFirst(7).dropLast()
        #expect(payload == "aHR0cDovL2gvdmlldz9maWxlbmFtZT3DvC5wbmc=")
        #expect(Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } == "http://h/view?filename=ü.png")
    }

    @Test func downloadSizesReadAsPeopleWriteThem() {
        #expect(FileDownload.size(999) == "999 B")
        #expect(FileDownload.size(12_345) == "12 KB")
        #expect(FileDownload.size(2_960_000) == "3.0 MB")
        #expect(FileDownload.size(1_250_000_000) == "1.3 GB")
    }

    @Test func theRunsScreenFitsEverySizeFromTheMinimumUp() throws {
        var state = try twoRuns()
        finish(2, with: twoGroups, in: &state)
        _ = Fixtures.press(.character("o"), .character("D"), in: &state)
        _ = update(&state, .fileSaved(runID: 2, url: Self.video, path: "/tmp/a/very/long/folder/name/clip.mp4"))
        for width in stride(from: 40, through: 70, by: 3) {
            for height in 10...18 {
                _ = update(&state, .resize(width: width, height: height))
                var screen = Screen(width: width, height: height)
                render(state, into: &screen)
                #expect(screen.lines.allSatisfy { CellWidth.of($0) <= width })
                #expect(screen.lines[1].contains("#2"), "the selected tab shows at \(width)×\(height)")
                #expect(screen.lines.last?.contains("Esc back") == true)
            }
        }
    }

    @Test func aLongOutputListSaysThereIsMoreAndScrollsWithTheHighlight() throws {
        var state = try twoRuns()
        let urls = (1...30).map { "http://127.0.0.1:8188/view?filename=frame_\($0).png" }
        finish(2, with: ExecuteResult(status: .completed, imagesByVar: ["frames": urls]), in: &state)
        _ = Fixtures.press(.character("o"), in: &state)
        var text = lines(state)
        #expect(text.contains { $0.contains("⋯ more below") })
        #expect(!text.contains { $0.contains("frame_30.png") })
        _ = Fixtures.press(.character("G"), in: &state)
        text = lines(state)
        #expect(text.contains { $0.contains("› frame_30.png") })
        #expect(!text.contains { $0.contains("⋯ more below") })
    }

    @Test func outputsAreListedByFileNameWithTheHighlightedURLWholeOnTheDetailsLine() throws {
        var state = try twoRuns()
        let long = "http://127.0.0.1:8188/view?filename=portrait_00042_.png&subfolder=night%2Fbatch&type=output"
        finish(2, with: ExecuteResult(status: .completed, imagesByVar: ["images": [long]]), in: &state)
        _ = update(&state, .resize(width: 60, height: state.height))
        _ = Fixtures.press(.character("o"), in: &state)
        let text = lines(state)
        #expect(text.contains { $0.contains("› night/batch/portrait_00042_.png") })
        // The URL is wider than the screen: it wraps onto a second line, whole.
        let first = try #require(text.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("http") })
        let details = text[first...(first + 1)].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.joined()
        #expect(details == long, "\(text)")
    }

    @Test func aSignedCloudURLKeepsItsSignatureOffTheScreen() {
        let signed = "https://cdn.example/out/x.png?Expires=99&Signature=abc&OSSAccessKeyId=k"
        #expect(OutputLabel.fileName(of: signed) == "x.png")
        #expect(OutputLabel.detail(of: signed) == "https://cdn.example/out/x.png?…")
    }

    @Test func credentialsInTheServerURLAreNeverShown() throws {
        let url = try #require(URL(string: "https://alice:s3cret@comfy.example:8443/base"))
        #expect(DisplayedURL.text(url) == "https://•••@comfy.example:8443/base")
        #expect(DisplayedURL.text(try #require(URL(string: "http://127.0.0.1:8188"))) == "http://127.0.0.1:8188")
    }
}
