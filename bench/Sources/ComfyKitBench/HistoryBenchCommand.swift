import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// Fills a run history with many runs, or times opening it and filtering it as `comfykit runs ls` does.
struct HistoryBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Fill a run history (--fill N), or time open + filter of it (--repeats).")

    @Option(help: "The history file.")
    var file: String

    @Option(help: "Create the file with this many runs first (it must not exist).")
    var fill: Int?

    @Option(help: "Repetitions of open + filter, each with a new RunHistory.")
    var repeats = 10

    @Option(help: "The status filter (empty: none).")
    var status = "error"

    @Option(help: "The workflow-name filter (empty: none).")
    var workflow = "flow-13"

    @Option(help: "The text filter (workflow, status or param values; empty: none).")
    var text = ""

    @Option(help: "At most this many runs listed.")
    var limit = 50

    struct Output: Encodable {
        let fillSeconds: Double?
        let seconds: [Double]
        let matched: Int
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        var fillSeconds: Double?
        if let fill {
            let start = Clocks.monotonicNanoseconds()
            try await Self.fill(url, runs: fill)
            fillSeconds = Double(Clocks.monotonicNanoseconds() - start) / 1e9
        }
        let wanted = status.isEmpty ? nil : RunRecordStatus(rawValue: status)
        if !status.isEmpty && wanted == nil { throw BenchError(description: "--status \(status): unknown") }
        let filter = RunFilter(status: wanted, workflow: workflow.isEmpty ? nil : workflow, text: text.isEmpty ? nil : text, limit: limit)
        var times: [Double] = []
        var matched = 0
        for _ in 0..<repeats {
            let start = Clocks.monotonicNanoseconds()
            let history = try RunHistory(url: url)
            matched = try await history.runs(filter).count
            times.append(Double(Clocks.monotonicNanoseconds() - start) / 1e9)
        }
        try emit(Output(fillSeconds: fillSeconds, seconds: times, matched: matched))
    }

    /// `runs` runs over 100 workflows (`flow-0` … `flow-99`), one in ten failed, a minute apart, with a
    /// realistic graph and result, written in batches of 5,000.
    static func fill(_ url: URL, runs: Int) async throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { throw BenchError(description: "\(url.path) exists; --fill makes a new one") }
        let history = try RunHistory(url: url)
        let graph = #"{"1":{"class_type":"EmptyImage","inputs":{"width":512,"height":512,"batch_size":1,"color":0},"_meta":{"title":"$width, $height, $color"}},"2":{"class_type":"SaveImage","inputs":{"images":["1",0],"filename_prefix":"ComfyUI"},"_meta":{"title":"$output.result"}}}"#
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var batch: [RunRecord] = []
        for index in 0..<runs {
            let failed = index % 10 == 3
            let promptID = String(format: "%08x-0000-4000-8000-%012x", index, index)
            batch.append(RunRecord(
                id: String(format: "%08x", index), workflowName: "flow-\(index % 100)", workflowSource: "/flows/flow-\(index % 100).json", workflowJSON: graph,
                sentHash: String(format: "%016x", index), paramsJSON: #"{"color":\#(index),"width":512,"height":512}"#,
                target: .comfyUI, server: "http://127.0.0.1:8188", promptID: promptID, status: failed ? .error : .completed,
                createdAt: start + Double(index) * 60, submittedAt: start + Double(index) * 60 + 0.01, finishedAt: start + Double(index) * 60 + 2,
                duration: 2,
                resultJSON: failed ? nil : #"{"status":"completed","prompt_id":"\#(promptID)","images":["http://127.0.0.1:8188/view?filename=ComfyUI_\#(index).png&type=output"]}"#,
                message: failed ? "node 1 (EmptyImage): ValueError: out of memory" : nil))
            if batch.count == 5_000 {
                try await history.insert(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await history.insert(contentsOf: batch)
    }
}
