import ComfyKit
import Foundation
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

    @Test func runningHubInRoutingShowsUpOrDownWithItsTasksAndOurRunsThere() throws {
        var state = try Fixtures.loadedState(width: 100)
        state.servers = [ServerLine(name: Self.first), ServerLine(name: ServerReference.runningHubName)]
        _ = update(&state, .peerProbed(index: 1, .tasks(running: 1, queued: 0)))
        #expect(header(state).contains("runninghub ● 1 task running"), "\(header(state))")
        _ = update(&state, .peerProbed(index: 1, .tasks(running: 2, queued: 3)))
        #expect(header(state).contains("runninghub ● 2 tasks running, 3 queued"), "\(header(state))")
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .runRouted(runID: 1, server: ServerReference.runningHubName))
        #expect(header(state).contains("runninghub ● 2 tasks running, 3 queued · 1 ours"), "\(header(state))")
        _ = update(&state, .peerProbed(index: 1, .unreachable(reason: "connection refused")))
        #expect(header(state).contains("runninghub ○ down"), "\(header(state))")
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

    @Test func theServerListComesFromRepeatedOptionsElseACommaListElseServersToml() throws {
        let given = try #require(try ServerList.references(options: ["http://a:1", "http://b:2", "http://a:1"]))
        #expect(given == [.url(URL(string: "http://a:1")!), .url(URL(string: "http://b:2")!)])
        #expect(try ServerList.references(options: []) == nil)
        #expect(throws: ConfigError.self) { try ServerList.references(options: ["ftp://d"]) }
        // None given: the configuration takes the comma list, each server once and in order.
        let listed = try ComfyKitConfiguration.resolve(.init(servers: nil), environment: ["COMFYUI_BASE_URL": " http://c:3 , http://d:4,"])
        #expect(listed.servers.map(\.baseURL.absoluteString) == ["http://c:3", "http://d:4"])
        // A name from servers.toml brings its own key; the header's probe of that server uses it, and only it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tui-servers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("servers.toml")
        try "[servers.box1]\nurl = \"http://box1:8188\"\napi_key = \"k-box1\"\n\n[servers.box2]\nurl = \"http://box2:8188\"\n".write(to: file, atomically: true, encoding: .utf8)
        var overrides = ComfyKitConfiguration.Overrides(servers: try ServerList.references(options: ["box1", "box2"]), serversFile: file)
        overrides.executor = .http
        let configuration = try ComfyKitConfiguration.resolve(overrides, environment: [:])
        #expect(configuration.servers.map(\.name) == ["box1", "box2"])
        let box2 = configuration.only(configuration.servers[1])
        #expect(box2.comfyUIBaseURL.absoluteString == "http://box2:8188")
        #expect(box2.comfyUIAPIKey == nil)
        #expect(box2.servers.count == 1)
        let box1 = configuration.only(configuration.servers[0])
        #expect(box1.comfyUIAPIKey != nil)
        #expect(ServerLine(name: "box1").shortName == "box1")
    }
}
