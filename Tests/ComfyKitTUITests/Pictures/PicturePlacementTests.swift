import ComfyKit
import ComfyKitPictures
import Testing
@testable import ComfyKitTUI

/// Issue 12, "where pictures appear", pure: the views name the pictures' rectangles — the run panel's live preview
/// then first output, the runs screen's thumbnails, the `v` viewer — and whatever is drawn over them takes them away.
@Suite struct PicturePlacementTests {
    static let image = "http://127.0.0.1:8188/view?filename=a.png&type=output"
    static let images = (1...3).map { "http://127.0.0.1:8188/view?filename=img\($0).png&type=output" }
    static let audio = "http://127.0.0.1:8188/view?filename=voice.wav&type=output"

    /// A run of solid_color, submitted as prompt `p1`, running, with pictures on.
    private func running(width: Int = 110, height: Int = 32, pictures: PictureProtocol = .kitty) throws -> AppState {
        var state = try Fixtures.loadedState(width: width, height: height)
        state.pictures = PictureDisplay(picture: pictures, reason: "\(pictures.rawValue) (asked for)")
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .runEvent(runID: 1, .submitted(promptID: "p1")))
        _ = update(&state, .runEvent(runID: 1, .started))
        return state
    }

    private func preview(_ byte: UInt8, prompt: String? = "p1") -> Message {
        .runEvent(runID: 1, .preview(Preview(format: .jpeg, promptID: prompt, nodeID: "3", bytes: [0xFF, 0xD8, byte])))
    }

    private func screen(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen
    }

    @Test func theRunPanelShowsTheLatestPreviewWhileItRunsThenTheFirstOutput() throws {
        var state = try running()
        #expect(screen(state).pictures.isEmpty, "no preview yet: the text has the whole panel")
        _ = update(&state, preview(1))
        let placed = try #require(screen(state).pictures.first)
        #expect(placed.source == .preview(runID: 1, frame: 1))
        #expect(placed.rect.width == placed.rect.height * 2 && placed.rect.height >= 3)
        #expect(placed.rect.column + placed.rect.width < state.width, "at the panel's right")
        let panelText = screen(state).lines[placed.rect.row]
        #expect(!panelText.isEmpty)
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["out": [Self.image]])))))
        #expect(screen(state).pictures.map(\.source) == [.output(url: Self.image)])
        #expect(screen(state).pictures.first?.slot == placed.slot, "the output replaces the preview in place")
    }

    @Test func aVideoOutputOnTheRunPanelIsMarkedAsAVideoUnderItsFirstFrame() throws {
        var state = try running()
        let video = "http://127.0.0.1:8188/view?filename=clip_00001_.mp4&type=output"
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, videosByVar: ["clip": [video]])))))
        let drawn = screen(state)
        let placed = try #require(drawn.pictures.first)
        #expect(placed.source == .output(url: video))
        let under = drawn.lines[placed.rect.bottom]
        let mark = String(under.dropFirst(placed.rect.column).prefix(placed.rect.width))
        #expect(mark.hasPrefix(placed.rect.width >= 26 ? "▶ video, its first frame" : "▶ video"), "under the frame: \(mark)")
        var other = try running()
        _ = update(&other, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["out": [Self.image]])))))
        let still = screen(other)
        #expect(!still.lines.joined().contains("▶ video"), "a still picture has no mark")
        #expect(still.pictures.first?.rect.height == placed.rect.height + 1, "and the whole height")
    }

    @Test func framesOfAnotherPromptAreLeftAndFramesComeAtMostTenTimesASecond() throws {
        var state = try running()
        _ = update(&state, .clock(1.0))
        _ = update(&state, preview(1, prompt: "someone-else"))
        #expect(state.currentRun?.preview == nil, "a type 4 frame of another prompt")
        _ = update(&state, preview(1, prompt: nil))
        #expect(state.currentRun?.preview?.frame == 1, "a type 1 frame belongs to the running prompt")
        _ = update(&state, .clock(1.04))
        _ = update(&state, preview(2))
        _ = update(&state, preview(3))
        #expect(state.currentRun?.preview?.frame == 1, "40 ms after the last: the frame waits")
        _ = update(&state, .clock(1.1))
        #expect(state.currentRun?.preview?.frame == 2)
        #expect(state.currentRun?.preview?.bytes.last == 3, "the newest of the frames that waited")
        #expect(state.currentRun?.waitingPreview == nil)
    }

    @Test func theHelpOverlayTakesAwayThePicturesItCovers() throws {
        var state = try running()
        _ = update(&state, preview(1))
        #expect(screen(state).pictures.count == 1)
        _ = Fixtures.press(.f1, in: &state)
        let help = screen(state)
        #expect(help.pictures.isEmpty)
        #expect(help.lines.contains { $0.contains("images") && $0.contains("kitty (asked for)") }, "help names the choice and its reason")
        _ = Fixtures.press(.escape, in: &state)
        #expect(screen(state).pictures.count == 1, "back when the overlay goes")
    }

    @Test func aBoxDrawnOverAPictureTakesItAwayAndOneBesideItLeavesIt() {
        var screen = Screen(width: 80, height: 24)
        screen.place(.output(url: "a"), in: Rect(column: 50, row: 10, width: 20, height: 10))
        screen.place(.output(url: "b"), in: Rect(column: 2, row: 2, width: 8, height: 4))
        Box.draw(Rect(column: 30, row: 8, width: 25, height: 6), title: "Quit", into: &screen)
        #expect(screen.pictures.map(\.source) == [.output(url: "b")])
        screen.place(.output(url: "c"), in: Rect(column: 75, row: 20, width: 10, height: 5))
        #expect(screen.pictures.count == 1, "a picture that would be cut by the screen's edge is left out")
    }

    @Test func theRunsScreenShowsAThumbnailPerPictureInAGridBesideTheList() throws {
        var state = try running()
        let result = ExecuteResult(status: .completed, imagesByVar: ["out": Self.images], audiosByVar: ["voice": [Self.audio]])
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: result))))
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        let drawn = screen(state)
        #expect(drawn.pictures.map(\.source) == (Self.images + [Self.audio]).map { .output(url: $0) }, "the audio's thumbnail is its waveform")
        let rects = drawn.pictures.map(\.rect)
        #expect(Set(rects.map(\.row)).count < rects.count || Set(rects.map(\.column)).count == rects.count, "a grid, not a column")
        #expect(rects.allSatisfy { $0.column > 40 }, "beside the list")
        #expect(drawn.lines.contains { $0.contains("img1.png") })
        for rect in rects { #expect(rects.filter { $0.intersects(rect) }.count == 1) }
    }

    @Test func vShowsTheOutputInTheWholeWindowAndTheArrowsWalkThePictures() throws {
        var state = try running()
        let result = ExecuteResult(status: .completed, imagesByVar: ["out": Self.images], audiosByVar: ["voice": [Self.audio]])
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: result))))
        _ = Fixtures.press(.escape, .character("o"), .character("v"), in: &state)
        var drawn = screen(state)
        #expect(drawn.pictures.map(\.source) == [.output(url: Self.images[0])])
        #expect(drawn.pictures[0].rect.width >= state.width - 2 && drawn.pictures[0].rect.height >= state.height - 6)
        #expect(drawn.lines.contains { $0.contains("img1.png") && $0.contains("1/4") })
        _ = Fixtures.press(.right, .right, in: &state)
        #expect(screen(state).pictures.map(\.source) == [.output(url: Self.images[2])])
        _ = Fixtures.press(.right, .right, in: &state)
        drawn = screen(state)
        #expect(drawn.pictures.map(\.source) == [.output(url: Self.audio)], "the audio is walked to as well: its waveform")
        #expect(state.status.contains("last picture"))
        _ = Fixtures.press(.left, .left, in: &state)
        #expect(screen(state).pictures.map(\.source) == [.output(url: Self.images[1])])
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.route == .runs && state.runs.viewing == nil)
        #expect(state.runs.selectedOutput == 1, "back on the picture last viewed")
        _ = Fixtures.press(.character("G"), .character("v"), in: &state)
        #expect(state.runs.viewing == 3 && screen(state).pictures.map(\.source) == [.output(url: Self.audio)], "v opens the audio's waveform")
    }

    @Test func withPicturesOffNothingIsPlaced() throws {
        var state = try running(pictures: .off)
        _ = update(&state, preview(1))
        #expect(screen(state).pictures.isEmpty)
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed, imagesByVar: ["out": Self.images])))))
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        #expect(screen(state).pictures.isEmpty)
    }

    @Test func tmuxEnvironmentAndPassthroughAreRead() {
        let outer = TmuxQuery.parseEnvironment("DISPLAY=:0\n-SSH_AGENT_PID\nKITTY_WINDOW_ID=3\nTERM_PROGRAM=WezTerm\n")
        #expect(outer == ["DISPLAY": ":0", "KITTY_WINDOW_ID": "3", "TERM_PROGRAM": "WezTerm"])
        #expect(TmuxQuery.allowsPassthrough("on\n") && TmuxQuery.allowsPassthrough("all"))
        #expect(!TmuxQuery.allowsPassthrough("off\n") && !TmuxQuery.allowsPassthrough(""))
        #expect(TmuxQuery.context(environment: ["TERM": "xterm"]) == nil, "outside tmux nothing is asked")
    }
}
