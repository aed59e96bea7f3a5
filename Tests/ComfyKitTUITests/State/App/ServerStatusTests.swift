import Testing
import ComfyKit
@testable import ComfyKitTUI

@Suite struct ServerStatusTests {
    private func header(_ state: AppState) -> String {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines[0]
    }

    @Test func aProbeAnswerIsStoredAndTheHeaderShowsTheQueueLength() throws {
        var state = try Fixtures.loadedState()
        // The first answer also asks for the server's object_info, once for this connection.
        #expect(update(&state, .serverProbed(.connected(queue: 2))) == [.fetchObjectInfo])
        #expect(state.server == .connected(queue: 2))
        #expect(header(state).contains("http://127.0.0.1:8188  ● connected · queue 2"))
    }

    @Test func aFailedProbeShowsUnreachableWithItsReason() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .serverProbed(.unreachable(reason: "connection refused")))
        #expect(header(state).contains("○ unreachable: connection refused"))
    }

    @Test func anUnreachableReasonIsOneShortLine() {
        struct LongError: Error, CustomStringConvertible {
            var description: String { String(repeating: "x", count: 200) + "\nsecond line" }
        }
        guard case .unreachable(let reason) = ServerStatus.unreachable(LongError()) else {
            Issue.record("expected unreachable")
            return
        }
        #expect(reason.count == ServerStatus.reasonLimit)
        #expect(reason.hasSuffix("…") && !reason.contains("\n"))
    }

    @Test func aLostEventStreamOutranksTheLastProbe() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .serverProbed(.connected(queue: 0)))
        state.connection = .lost
        #expect(header(state).contains("✗ connection lost"))
    }

    @Test func anUnreachableServerShowsOnlyTheCauseNotTheURLAgain() {
        let error = ComfyUIError.unreachable(server: "http://127.0.0.1:8188", reason: "GET /queue: connection refused")
        #expect(ServerStatus.unreachable(error) == .unreachable(reason: "GET /queue: connection refused"))
    }
}
