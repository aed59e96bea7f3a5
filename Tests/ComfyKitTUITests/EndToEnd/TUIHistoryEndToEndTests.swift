import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Testing

/// Issue 13, parts 4 and 5, in tmux against the `comfyui-double` executable, each test with the run history of
/// its own workspace (`XDG_STATE_HOME`): a run left running with `l`, or whose app was killed with SIGKILL, is
/// re-attached by the next start and completes with its outputs; `R` on the history screen runs the same values.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUIHistoryEndToEndTests {
    /// The blur chain takes 6 × 1.5 s on the double: long enough to quit and start again mid-run.
    static let slowDouble = ["--slow", "ImageBlur=1500"]

    /// The app twice in a row in the same window: the second start is the one that re-attaches.
    static func twoStarts(_ workspace: TUIWorkspace, server: URL) -> String {
        workspace.tuiCommand(server: server) + "; " + workspace.tuiCommand(server: server)
    }

    @Test func aRunLeftRunningWithLIsReattachedOnTheNextStartAndCompletesWithItsOutputs() async throws {
        try await withComfyUIDoubleProcess(Self.slowDouble) { double in
            try await withTUI(command: { Self.twoStarts($0, server: double.baseURL) }) { tui, workspace in
                try await startTheBlurChain(tui)
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                try await tui.press("q")
                try await tui.waitForScreen("the quit question") { $0.contains("1 run in flight:") && $0.contains("l leave them running and quit") }
                try await tui.press("l")
                try await theNextStartReattachesAndCompletes(tui, workspace: workspace)
            }
        }
    }

    @Test func aRunWhoseAppWasKilledIsReattachedOnTheNextStart() async throws {
        try await withComfyUIDoubleProcess(Self.slowDouble) { double in
            try await withTUI(command: { Self.twoStarts($0, server: double.baseURL) }) { tui, workspace in
                try await startTheBlurChain(tui)
                let shell = try await tui.panePID()
                let app = try await eventually("the app's process") { Self.child(of: shell) }
                #expect(kill(app, SIGKILL) == 0)
                try await theNextStartReattachesAndCompletes(tui, workspace: workspace)
            }
        }
    }

    /// A second app started while the first runs a prompt leaves that run to the first: it does not re-attach it
    /// (which would take over the socket id the server sends its progress to), and the first follows it to its end.
    @Test func aSecondAppStartedBesideALiveOneLeavesItsRunToIt() async throws {
        try await withComfyUIDoubleProcess(Self.slowDouble) { double in
            try await withTUI(server: double.baseURL) { tui, workspace in
                try await startTheBlurChain(tui)
                try await withAnotherTUI(in: workspace, command: workspace.tuiCommand(server: double.baseURL)) { second in
                    try await second.waitForScreen("the second app's list") { $0.contains("⏎ open") }
                    // Both apps log their look-up of runs left in flight; the second one's has ended once there are two.
                    try await eventually("the second app's look-up", within: 15) {
                        let log = (try? String(contentsOf: workspace.logFile, encoding: .utf8)) ?? ""
                        return log.components(separatedBy: "runs left in flight").count - 1 >= 2 ? true : nil
                    }
                    let screen = try await second.capture()
                    #expect(!Self.header(screen).hasSuffix("running") && !screen.contains("re-attaching"), "\(screen)")
                    let done = try await tui.waitForScreen("the first app's run to its end", within: 30) { $0.contains("completed") && $0.contains("result → ") }
                    #expect(!Self.header(done).hasSuffix("running"))
                }
                let records = try await RunHistory(url: Self.historyFile(workspace)).runs()
                #expect(records.count == 1 && records.first?.status == .completed)
            }
        }
    }

    /// Issue 16: with two servers, a run the router sent to the second (the first busy) and left there with `l` is
    /// looked up on the second by the next start, not only on the first, and completes there with its outputs.
    @Test func aRunLeftOnTheSecondOfTwoServersIsReattachedThereAndRecordedAsHavingRunThere() async throws {
        try await withComfyUIDoubleProcess(Self.slowDouble) { first in
            try await withComfyUIDoubleProcess(Self.slowDouble) { second in
                // Another client's blur chain keeps the first server busy, so the router picks the second.
                let occupier = ComfyKit(configuration: try .resolve(.init(comfyUIBaseURL: first.baseURL), environment: [:]))
                let busy = occupier.run(.file(path: SharedFixtures.workflow("19_long_running_blur_chain").path), params: ["width": 64])
                for await event in busy.events {
                    if case .started = event { break }
                }
                let secondShown = "\(second.baseURL.host ?? ""):\(second.baseURL.port ?? 0)"
                try await withTUI(command: { workspace in
                    let start = workspace.tuiCommand(server: first.baseURL) + " --server " + workspace.quoted(second.baseURL.absoluteString)
                    return start + "; " + start
                }) { tui, workspace in
                    try await open("19_long_running_blur_chain", tui)
                    try await tui.type("96")
                    try await tui.press("Enter")
                    try await tui.waitForScreen("the run going on the second server", within: 15) {
                        $0.contains("Blur pass") && $0.contains("on \(secondShown)")
                    }
                    try await tui.press("Escape")
                    try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                    try await tui.press("q")
                    try await tui.waitForScreen("the quit question") { $0.contains("1 run in flight:") }
                    try await tui.press("l")
                    try await tui.waitForScreen("the run followed on the second server", within: 20) {
                        $0.contains("re-attaching 1 run(s)") || $0.contains("on \(secondShown)")
                    }
                    try await theNextStartReattachesAndCompletes(tui, workspace: workspace)
                    let record = try #require(try await RunHistory(url: Self.historyFile(workspace)).runs().first)
                    #expect(record.server == second.baseURL.redactedForDisplay)
                    #expect(try await Self.promptsRun(on: second.baseURL) == [record.promptID])
                    #expect(try await Self.promptsRun(on: first.baseURL).contains(record.promptID) == false)
                }
                _ = await busy.result
                await occupier.close()
            }
        }
    }

    @Test func capitalRInTheHistoryRunsTheSameValuesAgain() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTUI(server: double.baseURL) { tui, workspace in
                try await open("19_long_running_blur_chain", tui)
                try await tui.type("96")
                try await tui.press("Enter")
                try await tui.waitForScreen("the first run's end", within: 20) { $0.contains("run #1 completed") }
                try await tui.press("Escape")
                try await tui.press("h")
                try await tui.waitForScreen("the history") { $0.contains("run history: 1 of 1 run(s)") && $0.contains("R re-run") }
                try await tui.press("R")
                try await tui.waitForScreen("the form filled in") { $0.contains("re-run of run") }
                try await tui.press("Enter")
                try await tui.waitForScreen("the re-run's end", within: 20) { $0.contains("run #2 completed") }
                let records = try await RunHistory(url: Self.historyFile(workspace)).runs()
                #expect(records.count == 2)
                #expect(records.allSatisfy { $0.status == .completed })
                #expect(records.map(\.paramsJSON) == [records[0].paramsJSON, records[0].paramsJSON])
                #expect(records.first?.params["width"] == .int(96), "\(records.first?.paramsJSON ?? "")")
                #expect(Set(records.map(\.workflowSource)).count == 1)
            }
        }
    }

    // MARK: - Steps

    private func open(_ name: String, _ tui: TmuxSession) async throws {
        try await tui.waitForScreen("the list") { $0.contains(name) }
        try await tui.press("/")
        try await tui.type(name)
        try await tui.press("Enter")
        try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the form") { $0.contains("› width") }
        // The width field holds the workflow's value: clear it first.
        for _ in 0..<6 { try await tui.press("BSpace") }
    }

    /// Opens the blur chain, runs it with width 96 and waits for it to go.
    private func startTheBlurChain(_ tui: TmuxSession) async throws {
        try await open("19_long_running_blur_chain", tui)
        try await tui.type("96")
        try await tui.press("Enter")
        try await tui.waitForScreen("the run going", within: 15) { Self.header($0).hasSuffix("1 running") && $0.contains("Blur pass") }
    }

    /// The second start finds the run recorded in flight, follows it to its end and records its outputs.
    private func theNextStartReattachesAndCompletes(_ tui: TmuxSession, workspace: TUIWorkspace) async throws {
        try await tui.waitForScreen("the run re-attached", within: 15) { $0.contains("re-attaching run") || $0.contains("re-attaching 1 run(s)") }
        let done = try await tui.waitForScreen("the re-attached run's end", within: 30) { $0.contains("completed") && $0.contains("result → ") }
        #expect(!Self.header(done).hasSuffix("running"))
        let records = try await RunHistory(url: Self.historyFile(workspace)).runs()
        #expect(records.count == 1, "one run, re-attached rather than recorded again")
        let record = try #require(records.first)
        #expect(record.status == .completed)
        #expect(record.result?.imagesByVar["result"]?.isEmpty == false)
        #expect(record.params["width"] == .int(96))
        try await tui.press("q")
        try await eventually("the app to quit") { try await tui.isAlive() ? nil : true }
    }

    /// The prompt ids in the server's `/history`.
    static func promptsRun(on server: URL) async throws -> [String?] {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("history").absoluteString])
        return try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue).keys.map { Optional($0) }
    }

    static func historyFile(_ workspace: TUIWorkspace) -> URL {
        workspace.root.appendingPathComponent("state/comfykit/runs.sqlite")
    }

    static func header(_ screen: String) -> String {
        String(screen.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
    }

    /// The first child of a process, from `/proc/PID/task/PID/children`.
    private static func child(of pid: Int32) -> Int32? {
        let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return text?.split(separator: " ").first.flatMap { Int32($0) }
    }
}
