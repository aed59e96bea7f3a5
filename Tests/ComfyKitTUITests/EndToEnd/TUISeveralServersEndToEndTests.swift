import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Issue 16, part 4: the real `comfykit-tui` with two doubles (`--server` twice): the header shows both, up, with
/// their queues; a run is sent to one of them, says which, and that double is the one that ran it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it); end-to-end tests skipped"))
struct TUISeveralServersEndToEndTests {
    private func hostPort(_ url: URL) -> String { "\(url.host ?? ""):\(url.port ?? 0)" }

    private func promptCount(on server: URL) async throws -> Int {
        let answer = try await Subprocess.run("curl", ["-sf", server.appendingPathComponent("history").absoluteString])
        return try #require(try JSONValue(parsing: Array(answer.standardOutput)).objectValue).count
    }

    @Test func theHeaderShowsBothServersAndARunSaysWhereItRan() async throws {
        try await withComfyUIDoubleProcess { first in
            try await withComfyUIDoubleProcess { second in
                let (a, b) = (hostPort(first.baseURL), hostPort(second.baseURL))
                try await withTUI(command: { workspace in
                    workspace.tuiCommand(server: first.baseURL) + " --server " + workspace.quoted(second.baseURL.absoluteString)
                }) { tui, _ in
                    try await tui.waitForScreen("both servers up") { $0.contains("\(a) ● q0") && $0.contains("\(b) ● q0") }
                    try await openWorkflow("09_text_output", in: tui)
                    try await tui.waitForScreen("the form") { $0.contains("› text") }
                    try await tui.type("hi")
                    try await tui.press("Enter")
                    let done = try await tui.waitForScreen("the run's end and its server") {
                        $0.contains("completed") && ($0.contains("on \(a)") || $0.contains("on \(b)"))
                    }
                    let ranOnFirst = done.contains("on \(a)")
                    #expect(try await promptCount(on: ranOnFirst ? first.baseURL : second.baseURL) == 1)
                    #expect(try await promptCount(on: ranOnFirst ? second.baseURL : first.baseURL) == 0)
                    try await tui.press("Escape")
                    try await tui.waitForScreen("the list") { $0.contains("⏎ open") }
                    try await tui.press("o")
                    try await tui.waitForScreen("the runs screen names the server") { $0.contains("─ outputs") && $0.contains("on \(ranOnFirst ? a : b)") }
                }
            }
        }
    }

    /// Issue 16: with `--server runninghub` (its key and routing workflow set), the header names RunningHub, up, with
    /// the key's tasks running as RunningHub's queue status says — one more once a task is created there.
    @Test func runningHubInRoutingIsInTheHeaderWithItsTasksRunning() async throws {
        // Every task stays running until it is polled for outputs eight times; the header only reads the queue status.
        try await withRunningHubDoubleProcess(["--phases", "r,r,r,r,r,r,r,r"]) { runningHub in
            try await withComfyUIDoubleProcess { comfy in
                let a = hostPort(comfy.baseURL)
                try await withTUI(command: { workspace in
                    ["env", "RUNNINGHUB_BASE_URL=" + workspace.quoted(runningHub.baseURL.absoluteString),
                     "RUNNINGHUB_API_KEY=" + RunningHubFixtures.apiKey, "RUNNINGHUB_ROUTING_WORKFLOW=1904136902449209346",
                     workspace.tuiCommand(server: comfy.baseURL), "--server", "runninghub"].joined(separator: " ")
                }) { tui, _ in
                    try await tui.waitForScreen("both in the header, RunningHub idle", within: 15) {
                        $0.contains("\(a) ● q0") && $0.contains("runninghub ● 0 tasks running")
                    }
                    let body = #"{"apiKey":"\#(RunningHubFixtures.apiKey)","workflowId":"1904136902449209346","workflow":"{}"}"#
                    let created = try await Subprocess.run("curl", ["-sf", "-H", "Content-Type: application/json", "-d", body,
                                                                   runningHub.baseURL.appendingPathComponent("task/openapi/create").absoluteString])
                    #expect(String(decoding: created.standardOutput, as: UTF8.self).contains("taskId"))
                    try await tui.waitForScreen("RunningHub's task in the header", within: 10) { $0.contains("runninghub ● 1 task running") }
                }
            }
        }
    }
}
