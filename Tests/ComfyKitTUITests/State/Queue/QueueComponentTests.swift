import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// The server-queue screen (`Q`) on its own and in the app: polling only while shown, our runs marked, and a
/// cancel of ours only after `y`.
@Suite struct QueueComponentTests {
    typealias F = ServerInputFixtures

    static let ourPrompt = "11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    static let otherPrompt = "22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
    static let endedPrompt = "33333333-cccc-4ccc-8ccc-cccccccccccc"

    static let snapshot = ServerQueue(
        running: [ServerJob(id: otherPrompt, status: .inProgress, priority: 3, clientID: "someone")],
        pending: [ServerJob(id: ourPrompt, status: .pending, priority: 4)],
        recent: [ServerJob(id: endedPrompt, status: .completed, priority: 2, startedAt: Date(timeIntervalSince1970: 10),
                           endedAt: Date(timeIntervalSince1970: 14.5), outputsCount: 1)])

    /// The examples loaded, one run of ours submitted as `ourPrompt`, and the queue screen open with the snapshot.
    static func openQueue() throws -> (AppState, [Effect]) {
        var state = try Fixtures.loadedState(width: 100, height: 30)
        let id = state.runs.start(workflowPath: "/w/txt2img.json", workflowName: "sd15/txt2img")
        _ = update(&state, .runEvent(runID: id, .submitted(promptID: ourPrompt)))
        _ = update(&state, .clock(10))
        let effects = Fixtures.press(.character("Q"), in: &state)
        return (state, effects)
    }

    @Test func qOpensTheScreenAndAsksTheServerAtOnce() throws {
        let (state, effects) = try Self.openQueue()
        #expect(state.route == .queue)
        #expect(effects == [.fetchServerQueue])
        #expect(F.lines(state).contains { $0.contains("asking the server…") })
    }

    @Test func itAsksAgainEveryTwoSecondsWhileShownOneLookAtATimeAndNeverWhenClosed() throws {
        var (state, _) = try Self.openQueue()
        #expect(update(&state, .clock(13)).isEmpty, "the first look is still in flight")
        _ = update(&state, .queue(.loaded(Self.snapshot)))
        #expect(update(&state, .clock(11.5)).isEmpty)
        #expect(update(&state, .clock(12)) == [.fetchServerQueue])
        _ = update(&state, .queue(.failed(reason: "not answering")))
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.route == .list)
        #expect(update(&state, .clock(30)).isEmpty, "closed: no polling")
    }

    @Test func everyClientsPromptsAreListedAndOursMarkedWithTheirWorkflow() throws {
        var (state, _) = try Self.openQueue()
        _ = update(&state, .queue(.loaded(Self.snapshot)))
        let lines = F.lines(state)
        let running = try #require(lines.first { $0.contains("22222222") })
        #expect(running.contains("running") && running.contains("another client") && !running.contains("●"))
        let pending = try #require(lines.first { $0.contains("11111111") })
        #expect(pending.contains("● 11111111") && pending.contains("pending") && pending.contains("#1 sd15/txt2img"))
        let recent = try #require(lines.first { $0.contains("33333333") })
        #expect(recent.contains("completed") && recent.contains("4.5 s, 1 output"))
        #expect(lines.contains { $0.contains("─ running (1)") } && lines.contains { $0.contains("─ pending (1)") })
        #expect(lines.contains { $0.contains("─ recent (1)") })
    }

    @Test func xCancelsOurRunOnlyAfterYAndRefusesAnotherClientsPrompt() throws {
        var (state, _) = try Self.openQueue()
        _ = update(&state, .queue(.loaded(Self.snapshot)))
        #expect(Fixtures.press(.character("x"), in: &state).isEmpty)
        #expect(state.status.contains("another client's"))
        #expect(state.queue.confirming == nil)
        _ = Fixtures.press(.character("j"), in: &state)
        #expect(Fixtures.press(.control("x"), in: &state).isEmpty)
        #expect(state.status == "cancel run #1 (sd15/txt2img) on the server? y: cancel it, any other key: keep it")
        #expect(keyHints(for: state).first?.key == "y")
        #expect(Fixtures.press(.character("n"), in: &state).isEmpty)
        #expect(state.status == "run #1 not cancelled")
        _ = Fixtures.press(.character("x"), in: &state)
        #expect(Fixtures.press(.character("y"), in: &state) == [.cancelRun(runID: 1)])
        #expect(state.route == .queue)
        _ = Fixtures.press(.character("j"), .character("x"), in: &state)
        #expect(state.queue.confirming == nil, "an ended prompt is not cancelled")
    }

    @Test func theHighlightedRowStaysInViewOnASmallTerminal() throws {
        var (state, _) = try Self.openQueue()
        _ = update(&state, .resize(width: 80, height: 12))
        let recent = (0..<30).map { ServerJob(id: String(format: "%08d-0000-4000-8000-000000000000", $0), status: .failed, priority: Double($0)) }
        _ = update(&state, .queue(.loaded(ServerQueue(running: [], pending: [], recent: recent))))
        _ = Fixtures.press(.end, in: &state)
        #expect(state.queue.selection == 29)
        #expect(F.lines(state).contains { $0.contains("00000029") })
        _ = Fixtures.press(.home, in: &state)
        #expect(F.lines(state).contains { $0.contains("00000000") })
    }
}
