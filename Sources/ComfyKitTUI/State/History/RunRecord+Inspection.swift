import ComfyKit
import ComfyKitHistory
import Foundation

extension RunRecord {
    /// The history screen's row: id, status, workflow, when, how long, where.
    var historyRow: (id: String, status: String, workflow: String, when: String, duration: String) {
        (id, status.rawValue, workflowName, Self.shortTime(createdAt), duration.map { String(format: "%.1f s", $0) } ?? "-")
    }

    /// The run whole, as Enter on the history screen shows it: where it ran, its values, outputs, message, files.
    var inspectionLines: [String] {
        var lines = ["run \(id) · \(status.rawValue) · \(workflowName)",
                     "ran on \(target == .runningHub ? "RunningHub" : "ComfyUI") \(server)" + (promptID.map { " · \(target == .runningHub ? "task" : "prompt") \($0)" } ?? " · never submitted"),
                     "source \(workflowSource)",
                     "created \(Self.shortTime(createdAt))" + (finishedAt.map { " · ended \(Self.shortTime($0))" } ?? "")
                        + (duration.map { String(format: " · %.1f s", $0) } ?? "")]
        let values = params.sorted { $0.key < $1.key }
        lines.append("")
        lines.append(values.isEmpty ? "params: none given (the workflow's defaults)" : "params")
        for (name, value) in values { lines.append("  \(name) = \(JSONWriter.string(value.jsonValue))") }
        if let message {
            lines.append("")
            lines.append("message")
            lines += message.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let result {
            let groups = OutputGroup.groups(of: result)
            lines.append("")
            lines.append(groups.isEmpty ? "outputs: none" : "outputs")
            for group in groups {
                lines.append("  \(group.name)")
                for output in group.outputs {
                    switch output {
                    case .file(let url): lines.append("    \(url)")
                    case .text(_, let value, _): lines.append("    “\(value)”")
                    }
                }
            }
        }
        if !downloads.isEmpty {
            lines.append("")
            lines.append("downloaded")
            lines += downloads.map { "  " + $0 }
        }
        return lines
    }

    /// `2026-12-03 11:52`, local time.
    static func shortTime(_ date: Date) -> String {
        date.formatted(.dateTime.year().month(.twoDigits).day(.twoDigits).hour(.twoDigits(amPM: .omitted)).minute(.twoDigits).locale(Locale(identifier: "en_GB")))
    }
}
