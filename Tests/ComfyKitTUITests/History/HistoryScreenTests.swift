import ComfyKit
import ComfyKitHistory
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 13, part 5: `h` lists past runs newest first, filtered as you type; Enter inspects one; `R` opens its
/// form with its values; `d` downloads its outputs; `x` forgets it once confirmed.
@Suite struct HistoryScreenTests {
    static let outputURL = "http://127.0.0.1:8188/view?filename=solid_00001_.png&type=output"

    /// A recorded run of the examples' `no-model/solid_color` with width 320 and color 255, completed with one image.
    static func solidColorRecord(_ state: AppState) throws -> RunRecord {
        let entry = try #require(state.list.entries.first { $0.displayName == "no-model/solid_color" })
        guard case .ready(let read) = entry.content else { throw HistoryTestFailure("solid_color not ready") }
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:8188")), environment: [:]))
        var record = kit.runRecord(for: read.loaded, source: .file(path: entry.path), params: ["width": .int(320), "color": .int(255)])
        record.id = "abc12345"
        record.promptID = "prompt-1"
        record.status = .completed
        record.duration = 1.5
        let result = ExecuteResult(status: .completed, promptID: "prompt-1", imagesByVar: ["result": [outputURL]])
        record.resultJSON = result.jsonString()
        return record
    }

    static func failedRecord(id: String, workflow: String) -> RunRecord {
        RunRecord(id: id, workflowName: workflow, workflowSource: "/flows/\(workflow).json", workflowJSON: "{}", sentHash: "0",
                  paramsJSON: #"{"prompt":"a red fox"}"#, target: .comfyUI, server: "http://127.0.0.1:8188", promptID: "p-\(id)",
                  status: .error, message: "node 3 failed: out of memory")
    }

    /// A state on the history screen showing `records`.
    static func historyState(_ records: [RunRecord]) throws -> AppState {
        var state = try Fixtures.loadedState()
        state.recording = .on
        #expect(Fixtures.press(.character("h"), in: &state) == [.loadHistory(RunFilter(text: nil, limit: HistoryComponent.limit))])
        _ = update(&state, .history(.loaded(filter: "", records: records, total: records.count)))
        return state
    }

    @Test func hOpensTheHistoryAndItListsRunsAsTheStoreGaveThem() throws {
        var state = try Fixtures.loadedState()
        let record = try Self.solidColorRecord(state)
        state = try Self.historyState([Self.failedRecord(id: "ffff0001", workflow: "txt2img"), record])
        #expect(state.route == .history)
        var screen = Screen(width: 100, height: 30)
        render(state, into: &screen)
        let lines = screen.lines
        let first = try #require(lines.firstIndex { $0.contains("ffff0001") })
        let second = try #require(lines.firstIndex { $0.contains("abc12345") })
        #expect(first < second)
        #expect(lines[first].contains("› ffff0001") && lines[first].contains("error") && lines[first].contains("txt2img"))
        #expect(lines[second].contains("completed") && lines[second].contains("1.5 s"))
        #expect(lines.contains { $0.contains("run history: 2 of 2 run(s)") })
        #expect(lines.last?.contains("R re-run") == true && lines.last?.contains("x forget") == true)
    }

    @Test func withRecordingOffHSaysWhyThereIsNoHistory() throws {
        var state = try Fixtures.loadedState()
        #expect(Fixtures.press(.character("h"), in: &state).isEmpty)
        #expect(state.route == .list)
        #expect(state.status.contains("runs are not recorded"))
    }

    @Test func typingAfterSlashAsksTheStoreForEachNewTextAndStaleAnswersAreIgnored() throws {
        var state = try Self.historyState([Self.failedRecord(id: "ffff0001", workflow: "txt2img")])
        _ = Fixtures.press(.character("/"), in: &state)
        #expect(Fixtures.press(.character("f"), in: &state) == [.loadHistory(RunFilter(text: "f", limit: HistoryComponent.limit))])
        #expect(Fixtures.press(.character("o"), in: &state) == [.loadHistory(RunFilter(text: "fo", limit: HistoryComponent.limit))])
        _ = update(&state, .history(.loaded(filter: "f", records: [], total: 0)))
        #expect(state.history.records.count == 1, "the answer for “f” came after “fo” was typed")
        _ = update(&state, .history(.loaded(filter: "fo", records: [], total: 0)))
        #expect(state.history.records.isEmpty)
        #expect(Fixtures.press(.escape, in: &state) == [.loadHistory(RunFilter(text: nil, limit: HistoryComponent.limit))])
        #expect(state.history.filter.isEmpty && !state.history.isFiltering)
        #expect(state.route == .history)
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.route == .list, "Esc with no filter goes back")
    }

    @Test func enterInspectsTheRunWithWhereItRanItsParamsOutputsAndMessage() throws {
        var state = try Self.historyState([Self.failedRecord(id: "ffff0001", workflow: "txt2img")])
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.history.isInspecting)
        var screen = Screen(width: 100, height: 30)
        render(state, into: &screen)
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("run ffff0001 · error · txt2img"))
        #expect(text.contains("ran on ComfyUI http://127.0.0.1:8188 · prompt p-ffff0001"))
        #expect(text.contains(#"prompt = "a red fox""#))
        #expect(text.contains("node 3 failed: out of memory"))
        _ = Fixtures.press(.escape, in: &state)
        #expect(!state.history.isInspecting && state.route == .history)
    }

    @Test func pageDownAndEndMoveThroughTheRuns() throws {
        let records = (0..<60).map { Self.failedRecord(id: String(format: "%08x", $0), workflow: "w\($0)") }
        var state = try Self.historyState(records)
        _ = Fixtures.press(.pageDown, in: &state)
        #expect(state.history.selected == state.history.pageRows - 1)
        _ = Fixtures.press(.end, in: &state)
        #expect(state.history.selected == 59)
        var screen = Screen(width: 100, height: 30)
        render(state, into: &screen)
        #expect(screen.lines.contains { $0.contains("› 0000003b") }, "the highlighted run stays in view")
        _ = Fixtures.press(.home, in: &state)
        #expect(state.history.selected == 0)
    }

    @Test func xAsksBeforeForgettingAndOnlyYForgets() throws {
        var state = try Self.historyState([Self.failedRecord(id: "ffff0001", workflow: "txt2img")])
        #expect(Fixtures.press(.character("x"), in: &state).isEmpty)
        #expect(state.status.contains("forget run ffff0001 (txt2img)?"))
        #expect(Fixtures.press(.character("n"), in: &state).isEmpty)
        #expect(state.history.records.count == 1 && state.history.confirmingForget == nil)
        _ = Fixtures.press(.character("x"), in: &state)
        #expect(Fixtures.press(.character("y"), in: &state) == [.forgetRecord(id: "ffff0001")])
        _ = update(&state, .history(.forgotten(id: "ffff0001")))
        #expect(state.history.records.isEmpty && state.status.contains("forgotten"))
    }

    @Test func dDownloadsTheRecordedOutputs() throws {
        var state = try Fixtures.loadedState()
        let record = try Self.solidColorRecord(state)
        state = try Self.historyState([record])
        let effects = Fixtures.press(.character("d"), in: &state)
        #expect(effects == [.downloadRecord(id: "abc12345", result: try #require(record.result))])
        #expect(update(&state, .history(.downloaded(id: "abc12345", paths: ["/tmp/solid_00001_.png"], failures: [])))
            == [.loadHistory(RunFilter(text: nil, limit: HistoryComponent.limit))])
        #expect(state.status == "run abc12345: saved /tmp/solid_00001_.png")
    }

    @Test func capitalROpensTheRunsFormWithItsValuesAndEnterRunsThem() throws {
        var state = try Fixtures.loadedState()
        let record = try Self.solidColorRecord(state)
        state = try Self.historyState([record])
        _ = Fixtures.press(.character("R"), in: &state)
        let form = try #require(state.currentForm)
        #expect(form.fieldTexts["width"] == "320" && form.fieldTexts["color"] == "255")
        #expect(form.fieldTexts["height"] == "48", "a value the run left to the workflow stays its default")
        #expect(state.status.contains("re-run of run abc12345"))
        let effects = Fixtures.press(.enter, in: &state)
        guard case .startRun(_, let path, _, let params)? = effects.first else {
            Issue.record("effects: \(effects)")
            return
        }
        #expect(URL(fileURLWithPath: path).standardizedFileURL.path == record.workflowSource)
        #expect(params["width"] == .int(320) && params["color"] == .int(255))
    }
}

struct HistoryTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
