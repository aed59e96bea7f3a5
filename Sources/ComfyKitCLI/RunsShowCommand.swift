import ArgumentParser
import ComfyKit
import ComfyKitHistory

/// `comfykit runs show ID`: one recorded run in full.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a recorded run: params, where it ran, outputs, failure, downloads.")

    @Argument(help: "The run id, a unique prefix of it, or the prompt (task) id.")
    var id: String

    @Flag(help: "Print the run as one JSON object (shape in the README).")
    var json = false

    func run() async throws {
        let history = try HistoryOptions.open()
        let record = try await RecordedRunLookup.record(id, in: history)
        if json {
            Terminal.output(JSONWriter.string(record.detailJSON))
            return
        }
        var lines = [
            "run \(record.id): \(record.status.rawValue)",
            "workflow: \(record.workflowName) (\(record.workflowSource))",
            "ran on: \(record.target == .comfyUI ? "ComfyUI" : "RunningHub") \(record.server)",
            "prompt: \(record.promptID ?? "-")",
            "created: \(RunRecord.localTime(record.createdAt))" + (record.duration.map { ", took \(String(format: "%.2f", $0)) s" } ?? ""),
        ]
        let params = record.params.sorted { $0.key < $1.key }
        if !params.isEmpty {
            lines.append("params:")
            lines += params.map { "  \($0.key) = \(JSONWriter.string($0.value.jsonValue))" }
        }
        if let result = record.result {
            let outputs = [result.imagesByVar, result.videosByVar, result.audiosByVar, result.textsByVar].flatMap { groups in
                groups.flatMap { name, items in items.map { "  \(name): \($0)" } }
            }
            if !outputs.isEmpty { lines += ["outputs:"] + outputs }
        }
        if let message = record.message { lines.append("failure: \(message)") }
        if !record.downloads.isEmpty { lines += ["downloaded:"] + record.downloads.map { "  \($0)" } }
        Terminal.output(lines.joined(separator: "\n"))
    }
}
