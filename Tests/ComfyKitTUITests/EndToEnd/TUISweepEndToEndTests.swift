import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Testing

/// Issue 16, part 1 in the form, through the real `comfykit-tui`: ^T on a field, three values, ⏎ — three runs
/// finish, each with its value, and the double ran three prompts with those values.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUISweepEndToEndTests {
    /// The text input of every prompt the double ran.
    private func promptTexts(on server: URL) async throws -> [String] {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("history").absoluteString])
        let history = try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue)
        return history.values.compactMap { entry -> String? in
            guard case .array(let prompt)? = entry.objectValue?["prompt"], prompt.count > 2,
                  case .string(let text)? = prompt[2].objectValue?["1"]?.objectValue?["inputs"]?.objectValue?["value"] else { return nil }
            return text
        }
    }

    @Test func quittingMidSweepWithCInterruptsTheRunningPromptBeforeTheAppExits() async throws {
        // Each node takes 3 s: the first prompt is still running when the app is told to quit. A cancel removes the
        // prompt from the queue before it interrupts it, and the server takes a second over the removal: an app that
        // quit without waiting would be gone before the interrupt was sent.
        try await withComfyUIDoubleProcess(["--node-ms", "3000", "--queue-post-delay-ms", "1000"]) { server in
            try await withTUI(server: server.baseURL) { tui, _ in
                try await askToQuitWhileASweepRuns(in: tui, on: server.baseURL)
                try await tui.press("c")
                try await eventually("the app to quit", within: 15) { try await tui.isAlive() ? nil : true }
                // The app is gone: the server was told before it went. Nothing waits or runs there, and no prompt of
                // the sweep completed (the one running was interrupted, not left to finish).
                let queue = try await Self.queue(on: server.baseURL)
                #expect(queue.pending.isEmpty, "a prompt of the sweep still waits on the server")
                _ = try await eventually("the running prompt interrupted", within: 10) {
                    try await Self.queue(on: server.baseURL).running.isEmpty ? true : nil
                }
                let history = try await Subprocess.run("curl", ["-sf", server.baseURL.appendingPathComponent("history").absoluteString])
                let text = String(decoding: history.standardOutput, as: UTF8.self)
                #expect(!text.contains("\"status_str\": \"success\"") && !text.contains("\"status_str\":\"success\""), "\(text)")
            }
        }
    }

    /// The server's queue: the prompt ids running and waiting.
    private static func queue(on server: URL) async throws -> (running: [JSONValue], pending: [JSONValue]) {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("queue").absoluteString])
        let queue = try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue)
        return (queue["queue_running"]?.arrayValue ?? [], queue["queue_pending"]?.arrayValue ?? [])
    }

    /// Starts the sweep of three texts, waits for its first prompt to run on `server`, goes back to the list and
    /// presses `q`: the quit question (c cancel, l leave running) is on the screen.
    private func askToQuitWhileASweepRuns(in tui: TmuxSession, on server: URL) async throws {
        try await startSweepOfThreeTexts(in: tui)
        _ = try await eventually("a prompt running on the server", within: 20) {
            try await Self.queue(on: server).running.isEmpty ? nil : true
        }
        try await tui.press("Escape")
        try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
        try await tui.press("q")
        try await tui.waitForScreen("the quit question") { $0.contains("in flight:") && $0.contains("l leave them running and quit") }
    }

    /// From the list: opens 09_text_output, sweeps its text over alpha, beta and gamma, and sends the sweep.
    private func startSweepOfThreeTexts(in tui: TmuxSession) async throws {
        try await tui.waitForScreen("the list") { $0.contains("09_text_output") }
        try await openWorkflow("09_text_output", in: tui)
        try await tui.waitForScreen("the form") { $0.contains("› text") }
        try await tui.press("C-t")
        try await tui.waitForScreen("the values line") { $0.contains("› values for text:") }
        try await tui.press("C-u")
        try await tui.type("alpha,beta,gamma")
        try await tui.waitForScreen("the count of prompts before Enter") { $0.contains("sweep: ⏎ sends 3 prompts") }
        try await tui.press("Enter")
        try await tui.waitForScreen("the sweep started") { $0.contains("sweep of 3 prompt(s) started") }
    }

    @Test func aSweepOfThreeValuesFromTheFormRunsThreePromptsEachWithItsValue() async throws {
        try await withComfyUIDoubleProcess { server in
            try await withTUI(server: server.baseURL) { tui, _ in
                try await startSweepOfThreeTexts(in: tui)
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                try await tui.press("o")
                let table = try await tui.waitForScreen("every prompt completed, with its value", within: 30) {
                    $0.contains("sweep: 3 prompts, 3 completed")
                }
                for value in ["alpha", "beta", "gamma"] {
                    #expect(table.split(separator: "\n").contains { $0.contains("text=\(value)") && $0.contains("completed") })
                }
                #expect(try await promptTexts(on: server.baseURL).sorted() == ["alpha", "beta", "gamma"])
            }
        }
    }

    /// Issue 16: a sweep left running with `l` after its first prompt completed comes back on the next start as the
    /// sweep it was — one group on the runs screen, the completed prompt kept, the others followed to their end —
    /// and the server ran each prompt once.
    @Test func aSweepLeftRunningWithLIsReattachedAsOneSweepAndEachPromptRunsOnce() async throws {
        try await withComfyUIDoubleProcess(["--node-ms", "1500"]) { server in
            try await withTUI(command: { $0.tuiCommand(server: server.baseURL) + "; " + $0.tuiCommand(server: server.baseURL) }) { tui, workspace in
                try await startSweepOfThreeTexts(in: tui)
                try await tui.press("Escape")
                try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                try await tui.press("o")
                try await tui.waitForScreen("the first prompt completed", within: 20) { $0.contains("sweep: 3 prompts, 1 completed") }
                try await tui.press("q")
                try await tui.waitForScreen("the quit question") { $0.contains("l leave them running and quit") }
                try await tui.press("l")
                try await expectTheSweepCompletesOnTheNextStart(in: tui, workspace: workspace, server: server.baseURL)
            }
        }
    }

    /// After `l`: the next start opens on the list (the first app quit there or on the runs screen) with the sweep's
    /// three runs; its runs screen ends with every prompt completed, each with its value; the server ran each prompt
    /// once, and the history has each prompt's record once, all in one sweep.
    private func expectTheSweepCompletesOnTheNextStart(in tui: TmuxSession, workspace: TUIWorkspace, server: URL) async throws {
        try await tui.waitForScreen("the sweep re-attached", within: 15) { $0.contains("⏎ open") && $0.contains("(run 1/3)") }
        try await tui.press("o")
        let table = try await tui.waitForScreen("every prompt completed in one sweep", within: 40) {
            $0.contains("sweep: 3 prompts, 3 completed")
        }
        for value in ["alpha", "beta", "gamma"] {
            #expect(table.split(separator: "\n").contains { $0.contains("text=\(value)") && $0.contains("completed") }, "\(table)")
        }
        #expect(try await promptTexts(on: server).sorted() == ["alpha", "beta", "gamma"])
        let records = try await RunHistory(url: workspace.root.appendingPathComponent("state/comfykit/runs.sqlite")).runs()
        #expect(records.compactMap(\.sweepIndex).sorted() == [0, 1, 2], "each prompt recorded once, re-attached rather than recorded again")
        #expect(records.allSatisfy { $0.status == .completed && $0.sweepSize == 3 })
        #expect(Set(records.map(\.sweepID)).count == 1 && records.first?.sweepID != nil)
    }

    /// A sweep left with `l` while its first prompt runs (the second waits on the server, the third is not sent yet:
    /// two prompts a server at a time): the next start follows the two and sends the third, so the sweep completes,
    /// each prompt once, recorded in the one sweep.
    @Test func aSweepLeftWithLBeforeItsLastPromptWasSentSendsItOnTheNextStart() async throws {
        try await withComfyUIDoubleProcess(["--node-ms", "1500"]) { server in
            try await withTUI(command: { $0.tuiCommand(server: server.baseURL) + "; " + $0.tuiCommand(server: server.baseURL) }) { tui, workspace in
                try await askToQuitWhileASweepRuns(in: tui, on: server.baseURL)
                try await tui.press("l")
                try await expectTheSweepCompletesOnTheNextStart(in: tui, workspace: workspace, server: server.baseURL)
            }
        }
    }

    @Test func cOnAReattachedSweepInterruptsItsRunningPromptAndRemovesItsQueuedOnes() async throws {
        // 10 s a prompt: the first still runs, and the next waits, when the next start's runs screen cancels.
        try await withComfyUIDoubleProcess(["--node-ms", "5000"]) { server in
            try await withTUI(command: { $0.tuiCommand(server: server.baseURL) + "; " + $0.tuiCommand(server: server.baseURL) }) { tui, workspace in
                try await askToQuitWhileASweepRuns(in: tui, on: server.baseURL)
                try await tui.press("l")
                try await tui.waitForScreen("the sweep re-attached", within: 15) { $0.contains("⏎ open") && $0.contains("(run 1/3)") }
                try await tui.press("o")
                try await tui.waitForScreen("the re-attached sweep on the runs screen") { $0.contains("sweep: 3 prompts") }
                try await tui.press("c")
                try await tui.waitForScreen("the sweep cancelled") { $0.contains("prompt(s) cancelled") }
                _ = try await eventually("nothing of the sweep left running or waiting on the server", within: 15) {
                    let queue = try await Self.queue(on: server.baseURL)
                    return queue.running.isEmpty && queue.pending.isEmpty ? true : nil
                }
                let history = try await Subprocess.run("curl", ["-sf", server.baseURL.appendingPathComponent("history").absoluteString])
                let text = String(decoding: history.standardOutput, as: UTF8.self)
                #expect(!text.contains("\"status_str\": \"success\"") && !text.contains("\"status_str\":\"success\""), "\(text)")
                // The first app left before every prompt was sent (two were, in the runs seen here): each sent one's
                // record ends as interrupted, and the screen ends all three.
                let store = try RunHistory(url: workspace.root.appendingPathComponent("state/comfykit/runs.sqlite"))
                var seen: [RunRecord] = []
                do {
                    _ = try await eventually("the sent prompts' records ended", within: 10) {
                        seen = try await store.runs()
                        return seen.count >= 2 && seen.allSatisfy({ $0.status != .running }) ? true : nil
                    }
                } catch {
                    Issue.record("records: \(seen.map { "\($0.id) #\($0.sweepIndex ?? -1) \($0.promptID ?? "-") \($0.status) \($0.message ?? "")" })")
                    Issue.record("log: \((try? String(contentsOf: workspace.logFile, encoding: .utf8)) ?? "")")
                    throw error
                }
                #expect(seen.allSatisfy { $0.status == .interrupted }, "\(seen.map(\.status))")
                let screen = try await tui.capture()
                #expect(screen.contains("sweep: 3 prompts, 0 completed"))
                #expect(screen.split(separator: "\n").count { $0.contains("text=") || $0.contains("prompt 3") ? $0.contains("interrupted") : false } == 3, "\(screen)")
            }
        }
    }
}
