import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 13, part 3 in the TUI: every run is recorded in the CLI's history file by default; `--no-history` or
/// `COMFYKIT_NO_HISTORY` turns it off; a history that cannot be opened is a message, never a crash.
@Suite(.serialized) struct RunRecordingTests {
    @Test func aRunStartedFromAFormIsRecordedWithItsPromptIDStatusAndOutputs() async throws {
        try await withComfyUIDoubleProcess { double in
            try await withTemporaryDirectory("ckt-state") { state in
                let history = try RunHistory(url: state.appendingPathComponent("runs.sqlite"))
                let session = HeadlessSession(server: double.baseURL, history: history, folder: SharedFixtures.workflowsDirectory.path)
                let (missed, screen) = try await session.run([
                    .open("19_long_running_blur_chain"),
                    .when("the form", { $0.contains("› width") }, press: [.enter]),
                    .when("the run's end", { $0.contains("run #1 completed") }, press: [.escape, .character("q")]),
                ])
                #expect(missed == nil, "screen:\n\(screen)")
                let records = try await history.runs()
                #expect(records.count == 1)
                let record = try #require(records.first)
                #expect(record.workflowName == "19_long_running_blur_chain")
                #expect(record.status == .completed)
                #expect(record.promptID != nil)
                #expect(record.workflowSource == SharedFixtures.workflow("19_long_running_blur_chain").standardizedFileURL.path)
                #expect(record.result?.imagesByVar["result"]?.isEmpty == false, "outputs recorded: \(record.resultJSON ?? "none")")
            }
        }
    }

    @Test func noHistoryFlagOrEnvironmentTurnsRecordingOffAndCreatesNoFile() async throws {
        try await withTemporaryDirectory("ckt-state") { state in
            let environment = ["XDG_STATE_HOME": state.path]
            let byFlag = RunHistoryOpening.open(noHistory: true, environment: environment)
            #expect(byFlag.history == nil && byFlag.recording == .off && byFlag.notice == nil)
            let byEnvironment = RunHistoryOpening.open(noHistory: false, environment: environment.merging(["COMFYKIT_NO_HISTORY": "1"]) { $1 })
            #expect(byEnvironment.history == nil && byEnvironment.recording == .off)
            #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("comfykit/runs.sqlite").path))
            let zero = RunHistoryOpening.open(noHistory: false, environment: environment.merging(["COMFYKIT_NO_HISTORY": "0"]) { $1 })
            #expect(zero.history != nil && zero.recording == .on, "0 leaves recording on, as in the CLI")
        }
    }

    @Test func aCorruptHistoryIsKeptAsideAndSaidOnTheStatusLine() async throws {
        try await withTemporaryDirectory("ckt-state") { state in
            let file = state.appendingPathComponent("comfykit/runs.sqlite")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(repeating: 0x42, count: 8192).write(to: file)
            let opened = RunHistoryOpening.open(noHistory: false, environment: ["XDG_STATE_HOME": state.path])
            #expect(opened.history != nil && opened.recording == .on)
            let notice = try #require(opened.notice)
            #expect(notice.contains(file.path) && notice.contains("kept as"))
        }
    }

    @Test func aHistoryThatCannotBeOpenedIsAMessageAndRunsGoOnUnrecorded() async throws {
        try await withTemporaryDirectory("ckt-state") { state in
            // A file where the history's folder should be: the folder cannot be made.
            let blocker = state.appendingPathComponent("comfykit")
            try Data("not a folder".utf8).write(to: blocker)
            let opened = RunHistoryOpening.open(noHistory: false, environment: ["XDG_STATE_HOME": state.path])
            #expect(opened.history == nil)
            guard case .unavailable(let reason) = opened.recording else {
                Issue.record("recording: \(opened.recording)")
                return
            }
            #expect(reason.contains(blocker.appendingPathComponent("runs.sqlite").path))
            #expect(opened.notice?.hasSuffix("runs are not recorded") == true)
        }
    }
}
