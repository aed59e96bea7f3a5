import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 16, part 4: with several servers the header shows each one (name, ● up / ○ down, queue, our runs there),
/// and a run says where it was sent, on the panel and in its record.
@Suite struct SeveralServersTests {
    static let first = "http://127.0.0.1:8188"
    static let second = "http://127.0.0.1:8189"

    private func twoServers(width: Int = 100) throws -> AppState {
        var state = try Fixtures.loadedState(width: width)
        state.servers = [ServerLine(name: Self.first), ServerLine(name: Self.second)]
        return state
    }

    private func header(_ state: AppState) -> String {
        ServerInputFixtures.lines(state)[0]
    }

    @Test func theHeaderShowsEveryServerUpOrDownWithItsQueue() throws {
        var state = try twoServers()
        #expect(header(state).contains("127.0.0.1:8188 ○ …") && header(state).contains("127.0.0.1:8189 ○ …"))
        _ = update(&state, .serverProbed(.connected(queue: 2)))
        _ = update(&state, .peerProbed(index: 1, .unreachable(reason: "connection refused")))
        #expect(header(state).contains("127.0.0.1:8188 ● q2"), "\(header(state))")
        #expect(header(state).contains("127.0.0.1:8189 ○ down"), "\(header(state))")
        #expect(!header(state).contains("http://"))
        _ = update(&state, .peerProbed(index: 1, .connected(queue: 0)))
        #expect(header(state).contains("127.0.0.1:8189 ● q0"))
    }

    @Test func aRoutedRunCountsAsOursOnItsServerAndThePanelSaysWhere() throws {
        var state = try twoServers()
        _ = update(&state, .serverProbed(.connected(queue: 0)))
        _ = update(&state, .peerProbed(index: 1, .connected(queue: 1)))
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        #expect(update(&state, .runRouted(runID: 1, server: Self.second)).isEmpty)
        #expect(header(state).contains("127.0.0.1:8189 ● q1 · 1 ours"), "\(header(state))")
        #expect(!header(state).contains("8188 ● q0 · "))
        #expect(ServerInputFixtures.lines(state).contains { $0.contains("run #1") && $0.contains("on 127.0.0.1:8189") })
        // Its record, written after it was routed, learns where it ran.
        #expect(update(&state, .runRecorded(runID: 1, recordID: "r1")) == [.recordServer(recordID: "r1", server: Self.second)])
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed)))))
        #expect(!header(state).contains("ours"))
        _ = Fixtures.press(.escape, .character("o"), in: &state)
        #expect(ServerInputFixtures.lines(state).contains { $0.contains("run #1") && $0.contains("on 127.0.0.1:8189") })
    }

    @Test func aRunRecordedBeforeItIsRoutedHasItsRecordToldOnRouting() throws {
        var state = try twoServers()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        #expect(update(&state, .runRecorded(runID: 1, recordID: "r1")).isEmpty)
        #expect(update(&state, .runRouted(runID: 1, server: Self.first)) == [.recordServer(recordID: "r1", server: Self.first)])
    }

    @Test func serversThatDoNotFitAreCountedNeverCut() throws {
        var state = try Fixtures.loadedState(width: 60)
        state.servers = (0..<5).map { ServerLine(name: "http://gpu-box-\($0).studio.lan:8188") }
        let line = header(state)
        #expect(line.contains("gpu-box-0.studio.lan:8188 ○ …"))
        #expect(line.contains("+4 more") || line.contains("+3 more"), "\(line)")
        #expect(!line.contains("gpu-box-4"))
    }

    @Test func oneServerKeepsTheSingleServerHeader() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .serverProbed(.connected(queue: 3)))
        #expect(header(state).contains("● connected · queue 3"))
    }

    @Test func theServerListComesFromRepeatedOptionsElseACommaList() throws {
        #expect(try ServerList.urls(options: ["http://a:1", "http://b:2", "http://a:1"], environment: "http://c:3").map(\.absoluteString)
            == ["http://a:1", "http://b:2"])
        #expect(try ServerList.urls(options: [], environment: " http://c:3 , http://d:4,").map(\.absoluteString) == ["http://c:3", "http://d:4"])
        #expect(try ServerList.urls(options: [], environment: nil).isEmpty)
        #expect(throws: ConfigError.self) { try ServerList.urls(options: [], environment: "http://c:3,ftp://d") }
        #expect(ServerLine(name: "box1").shortName == "box1")
    }
}
