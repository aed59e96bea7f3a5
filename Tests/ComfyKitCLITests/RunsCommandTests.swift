import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import ComfyUITestDouble
import RunningHubTestDouble
import Foundation
import Testing

/// `comfykit run` records every run, and `comfykit runs …` lists, shows, re-attaches, cancels and re-runs them.
@Suite struct RunsCommandTests {
    /// A state folder of the test's own, so the history is the test's.
    struct Sandbox {
        let root: URL
        var environment: [String: String] {
            ["XDG_STATE_HOME": root.appendingPathComponent("state").path, "XDG_CONFIG_HOME": root.appendingPathComponent("config").path, "COMFYKIT_NO_HISTORY": ""]
        }
        var historyURL: URL { root.appendingPathComponent("state/comfykit/runs.sqlite") }

        func comfykit(_ arguments: [String], extra: [String: String] = [:]) async throws -> ProcessOutput {
            try await Subprocess.run(product: "comfykit", arguments, environment: environment.merging(extra) { $1 })
        }

        func runs(_ arguments: [String]) async throws -> [JSONValue] {
            let output = try await comfykit(["runs", "ls", "--json"] + arguments)
            #expect(output.status == 0, "\(output.stderr)")
            return try JSONValue(parsing: output.stdout).arrayValue ?? []
        }
    }

    func withSandbox(_ body: (Sandbox) async throws -> Void) async throws {
        try await withTemporaryDirectory("ck-runs") { try await body(Sandbox(root: $0)) }
    }

    /// A prompt accepted by the server from a process that is gone, and its record still `running`.
    func recordInFlight(_ workflowName: String, params: [String: ParamValue], double: RunningDouble, sandbox: Sandbox, submit: Bool = true) async throws -> RunRecord {
        let kit = try ComfyKit(baseURL: double.baseURL, environment: [:])
        let file = SharedFixtures.workflow(workflowName).path
        let loaded = try await kit.load(.file(path: file))
        var record = kit.runRecord(for: loaded, source: .file(path: file), params: params)
        let bound = try ParamBinder.bind(loaded.workflow, spec: try WorkflowSpec(loaded.workflow), values: params)
        record.promptID = UUID().uuidString.lowercased()
        record.owner = nil  // its process is gone
        if submit { _ = try await kit.client.submit(prompt: bound.workflow.promptJSON, clientID: "gone", promptID: record.promptID) }
        await kit.close()
        return try await RunHistory(url: sandbox.historyURL).insert(record)
    }

    @Test func aRunIsRecordedListedAndShownByItsIdOrPromptID() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let ran = try await sandbox.comfykit(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi", "-p", "number=7", "--server", double.baseURL.absoluteString])
                #expect(ran.status == 0, "\(ran.stderr)")
                let runs = try await sandbox.runs([])
                #expect(runs.count == 1)
                let run = try #require(runs.first)
                #expect(run["workflow"] == "09_text_output")
                #expect(run["status"] == "completed")
                #expect(run["target"] == "comfyui")
                let id = try #require(run["id"]?.stringValue)
                #expect(ran.stderr.contains("run \(id)"))
                let promptID = try #require(run["prompt_id"]?.stringValue)
                #expect(ran.stdout.contains(promptID))
                for key in [id, promptID] {
                    let shown = try await sandbox.comfykit(["runs", "show", key, "--json"])
                    #expect(shown.status == 0, "\(shown.stderr)")
                    let detail = try JSONValue(parsing: shown.stdout)
                    #expect(detail["id"]?.stringValue == id)
                    #expect(detail["params"] == .object(["number": 7, "text": "hi"]))
                    #expect(detail["result"]?["texts_by_var"]?["text"] == .array(["hi, world"]))
                    #expect(detail["source"]?.stringValue == SharedFixtures.workflow("09_text_output").standardizedFileURL.path)
                }
                let plain = try await sandbox.comfykit(["runs", "show", id])
                #expect(plain.stdout.contains("run \(id): completed"))
                #expect(plain.stdout.contains("text: hi, world"))
            }
        }
    }

    @Test func lsFiltersByStatusAndWorkflowAndLimits() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let server = ["--server", double.baseURL.absoluteString]
                _ = try await sandbox.comfykit(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=a", "-p", "number=1"] + server)
                _ = try await sandbox.comfykit(["run", SharedFixtures.workflow("11_execution_error").path, "-p", "duration=0.5"] + server)
                _ = try await sandbox.comfykit(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=b", "-p", "number=2"] + server)
                #expect(try await sandbox.runs([]).map { $0["workflow"] } == ["09_text_output", "11_execution_error", "09_text_output"])
                #expect(try await sandbox.runs(["--status", "error"]).map { $0["workflow"] } == ["11_execution_error"])
                #expect(try await sandbox.runs(["--workflow", "text_out"]).count == 2)
                #expect(try await sandbox.runs(["--limit", "1"]).count == 1)
                let bad = try await sandbox.comfykit(["runs", "ls", "--status", "done"])
                #expect(bad.status == 2)
                #expect(bad.stderr.contains("expected one of running, completed, error, timeout, interrupted"))
                let table = try await sandbox.comfykit(["runs", "ls"])
                #expect(table.stdout.split(separator: "\n").count == 4)
            }
        }
    }

    @Test func noHistoryFlagOrEnvironmentRecordsNothing() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let run = ["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=a", "-p", "number=1", "--server", double.baseURL.absoluteString]
                let flagged = try await sandbox.comfykit(run + ["--no-history"])
                let unset = try await sandbox.comfykit(run, extra: ["COMFYKIT_NO_HISTORY": "1"])
                #expect(flagged.status == 0 && unset.status == 0)
                let runs = try await sandbox.runs([])
                #expect(runs.isEmpty)
            }
        }
    }

    @Test func watchReattachesToARunWhoseProcessIsGoneAndRecordsItsOutputs() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.classType("EmptyImage")] = .milliseconds(800) }) { double in
                let record = try await recordInFlight("01_empty_image_save", params: ["width": 8, "height": 8], double: double, sandbox: sandbox)
                let watched = try await sandbox.comfykit(["runs", "watch", record.id])
                #expect(watched.status == 0, "\(watched.stderr)")
                #expect(watched.stdout.hasPrefix("completed prompt \(record.promptID!)"))
                #expect(watched.stdout.contains("result (image): "))
                let stored = try #require(try await sandbox.runs([]).first)
                #expect(stored["status"] == "completed")
            }
        }
    }

    @Test func watchWithSeveralServersFollowsTheRunOnTheOneItsRecordNames() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { first in
                try await withComfyUIDouble({ $0.nodeDurations[.classType("EmptyImage")] = .milliseconds(800) }) { second in
                    let record = try await recordInFlight("01_empty_image_save", params: ["width": 8, "height": 8], double: second, sandbox: sandbox)
                    let watched = try await sandbox.comfykit(["runs", "watch", record.id, "--server", first.baseURL.absoluteString,
                                                              "--server", second.baseURL.absoluteString])
                    #expect(watched.status == 0, "\(watched.stderr)")
                    #expect(watched.stdout.hasPrefix("completed prompt \(record.promptID!)"))
                    #expect(await first.recordedRequests().allSatisfy { $0.route != "/prompt" })
                    let stored = try #require(try await sandbox.runs([]).first)
                    #expect(stored["status"] == "completed")
                }
            }
        }
    }

    @Test func watchOfARunWhoseServerIsDownSaysSoAndLeavesItInFlight() async throws {
        try await withSandbox { sandbox in
            let gone = try await ComfyUIDouble.start()
            let record = try await recordInFlight("01_empty_image_save", params: ["width": 8, "height": 8], double: gone, sandbox: sandbox, submit: false)
            await gone.shutdown()
            let watched = try await sandbox.comfykit(["runs", "watch", record.id])
            #expect(watched.status == 1)
            #expect(watched.stderr.contains("its server \(gone.baseURL.redactedForDisplay) is down"), "\(watched.stderr)")
            #expect(try await sandbox.runs(["--status", "running"]).count == 1, "still recorded in flight")
        }
    }

    @Test func watchOfAPromptTheServerNoLongerKnowsExits1AndRecordsTheFailure() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let record = try await recordInFlight("01_empty_image_save", params: ["width": 8, "height": 8], double: double, sandbox: sandbox, submit: false)
                let watched = try await sandbox.comfykit(["runs", "watch", record.promptID!])
                #expect(watched.status == 1)
                #expect(watched.stderr.contains("no longer knows prompt \(record.promptID!)"), "\(watched.stderr)")
                #expect(try await sandbox.runs(["--status", "error"]).count == 1)
            }
        }
    }

    @Test func cancelInterruptsARunningPromptAndRecordsIt() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble({ $0.nodeDurations[.classType("EmptyImage")] = .seconds(5) }) { double in
                let record = try await recordInFlight("01_empty_image_save", params: ["width": 8, "height": 8], double: double, sandbox: sandbox)
                let cancelled = try await sandbox.comfykit(["runs", "cancel", record.id])
                #expect(cancelled.status == 0, "\(cancelled.stderr)")
                #expect(cancelled.stdout.contains("cancelled run \(record.id)"))
                #expect(try await sandbox.runs([]).first?["status"] == "interrupted")
                let again = try await sandbox.comfykit(["runs", "cancel", record.id])
                #expect(again.status == 1)
                #expect(again.stderr.contains("has already ended: interrupted"))
            }
        }
    }

    @Test func rerunRunsTheRecordedGraphWithTheRecordedValuesAndChangesSome() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let first = try await sandbox.comfykit(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi", "-p", "number=7", "--server", double.baseURL.absoluteString])
                #expect(first.status == 0)
                let id = try #require(try await sandbox.runs([]).first?["id"]?.stringValue)
                let again = try await sandbox.comfykit(["runs", "rerun", id, "-p", "number=8"])
                #expect(again.status == 0, "\(again.stderr)")
                #expect(again.stdout.contains("text (text): hi, world"))
                #expect(again.stdout.contains("number (text): 8"))
                let runs = try await sandbox.runs([])
                #expect(runs.count == 2)
                let newest = try #require(runs.first?["id"]?.stringValue)
                #expect(again.stderr.contains("run \(newest) (re-run of \(id))"))
                let detail = try JSONValue(parsing: try await sandbox.comfykit(["runs", "show", newest, "--json"]).stdout)
                #expect(detail["params"] == .object(["number": 8, "text": "hi"]))
                let unknown = try await sandbox.comfykit(["runs", "rerun", id, "-p", "nope=1"])
                #expect(unknown.status == 2)
            }
        }
    }

    @Test func anUnknownIdNamesTheHistoryFile() async throws {
        try await withSandbox { sandbox in
            let shown = try await sandbox.comfykit(["runs", "show", "deadbeef"])
            #expect(shown.status == 1)
            #expect(shown.stderr.contains("no run deadbeef in \(sandbox.historyURL.path)"))
        }
    }

    @Test func aCorruptHistoryIsKeptAsideWithAWarningAndRunsAreRecordedAfresh() async throws {
        try await withSandbox { sandbox in
            try FileManager.default.createDirectory(at: sandbox.historyURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("this is not a database, just text that is long enough to be read as a header".utf8).write(to: sandbox.historyURL)
            try await withComfyUIDouble { double in
                let ran = try await sandbox.comfykit(["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=a", "-p", "number=1", "--server", double.baseURL.absoluteString])
                #expect(ran.status == 0)
                #expect(ran.stderr.contains("Warning: run history \(sandbox.historyURL.path) could not be read"), "\(ran.stderr)")
                #expect(ran.stderr.contains("it was kept as \(sandbox.historyURL.path).unreadable-"))
                #expect(try await sandbox.runs([]).count == 1)
            }
        }
    }

    @Test func twoRunsAtOnceAreBothRecorded() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let run = ["run", SharedFixtures.workflow("09_text_output").path, "-p", "number=1", "--server", double.baseURL.absoluteString]
                async let a = sandbox.comfykit(run + ["-p", "text=a"])
                async let b = sandbox.comfykit(run + ["-p", "text=b"])
                let (first, second) = try await (a, b)
                #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
                #expect(try await sandbox.runs(["--status", "completed"]).count == 2)
            }
        }
    }

    @Test func theHistoryFileHoldsNoSecret() async throws {
        try await withSandbox { sandbox in
            try await withComfyUIDouble { double in
                let server = ["--server", double.baseURL.absoluteString]
                let secrets = ["COMFYUI_API_KEY": SecretFixtures.apiKey, "COMFYUI_COOKIES": "session=\(SecretFixtures.cookie)"]
                let completed = try await sandbox.comfykit(
                    ["run", SharedFixtures.workflow("04_multi_output").path, "-p", "image=\(SharedFixtures.media("comfykit_test.png").path)"] + server, extra: secrets)
                #expect(completed.status == 0, "\(completed.stderr)")
                // A media URL whose query carries a key: recorded without the query; the download fails.
                let failed = try await sandbox.comfykit(
                    ["run", SharedFixtures.workflow("02_load_transform_save").path, "-p", "image=http://127.0.0.1:9/in.png?token=\(SecretFixtures.apiKey)"] + server,
                    extra: secrets)
                #expect(failed.status == 1)
                let runs = try await sandbox.runs([])
                #expect(runs.map { $0["status"] } == ["error", "completed"])
                let detail = try JSONValue(parsing: try await sandbox.comfykit(["runs", "show", try #require(runs.first?["id"]?.stringValue), "--json"]).stdout)
                #expect(detail["params"]?["image"] == "http://127.0.0.1:9/in.png?…")
                #expect(FileManager.default.fileExists(atPath: sandbox.historyURL.path))
                #expect(SecretFixtures.leaked(under: sandbox.root).isEmpty)
            }
        }
    }

    @Test func aRunningHubRunIsRecordedAndWatchFillsInATaskThatEndedMeanwhile() async throws {
        try await withSandbox { sandbox in
            try await withRunningHubDouble({
                $0.workflows[RunningHubFixtures.workflowID] = RunningHubFixtures.cloudWorkflow
                $0.initialStatus = "RUNNING"
                $0.phases = []
            }) { double in
                let keys = ["RUNNINGHUB_BASE_URL": double.baseURL.absoluteString, "RUNNINGHUB_API_KEY": RunningHubFixtures.apiKey, "RUNNINGHUB_TIMEOUT": ""]
                let ran = try await sandbox.comfykit(["run", "1987", "-p", "prompt=a red fox"], extra: keys)
                #expect(ran.status == 0, "\(ran.stderr)")
                let run = try #require(try await sandbox.runs([]).first)
                #expect(run["target"] == "runninghub")
                #expect(run["workflow"] == "workflow_1987")
                // As if its process had died before the end: the record still says running.
                let id = try #require(run["id"]?.stringValue)
                try await RunHistory(url: sandbox.historyURL).update(id) { record in
                    record.status = .running
                    record.resultJSON = nil
                }
                let watched = try await sandbox.comfykit(["runs", "watch", id], extra: keys)
                #expect(watched.status == 0, "\(watched.stderr)")
                #expect(watched.stdout.contains("cover (image): \(double.baseURL.absoluteString)/cdn/output/ComfyUI_00033_hpgko_1742822929.png"))
                #expect(try await sandbox.runs([]).first?["status"] == "completed")
                #expect(SecretFixtures.leaked(under: sandbox.root, secrets: [RunningHubFixtures.apiKey]).isEmpty)
            }
        }
    }
}
