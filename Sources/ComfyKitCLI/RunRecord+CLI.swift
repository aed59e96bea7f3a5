import ComfyKit
import ComfyKitHistory
import Foundation

/// The `--json` shapes of `comfykit runs ls` and `comfykit runs show` (documented in the README).
extension RunRecord {
    /// `runs ls --json`: one object per run.
    var summaryJSON: JSONValue {
        .object([
            "id": .string(id),
            "workflow": .string(workflowName),
            "status": .string(status.rawValue),
            "prompt_id": promptID.map(JSONValue.string) ?? .null,
            "target": .string(target.rawValue),
            "server": .string(server),
            "created_at": .string(Self.timestamp(createdAt)),
            "finished_at": finishedAt.map { .string(Self.timestamp($0)) } ?? .null,
            "duration": duration.map(JSONValue.double) ?? .null,
            "message": message.map(JSONValue.string) ?? .null,
            "app": owner.map { .object(["pid": .int(Int($0.pid)), "alive": .bool($0.isAlive)]) } ?? .null,
        ])
    }

    /// The status as `runs ls` shows it: a run in flight whose app is gone says so (`runs watch` or `runs resume` it).
    var statusText: String {
        isInFlight && owner.map({ !$0.isAlive }) == true ? "running (app gone)" : status.rawValue
    }

    /// `runs show --json`: the summary, then what ran and what came out.
    var detailJSON: JSONValue {
        var object = summaryJSON.objectValue ?? JSONObject()
        object["source"] = .string(workflowSource)
        object["sent_hash"] = .string(sentHash)
        object["submitted_at"] = submittedAt.map { .string(Self.timestamp($0)) } ?? .null
        object["params"] = (try? JSONValue(parsing: paramsJSON)) ?? .object([:])
        object["result"] = resultJSON.flatMap { try? JSONValue(parsing: $0) } ?? .null
        object["downloads"] = .array(downloads.map(JSONValue.string))
        object["graph"] = (try? JSONValue(parsing: workflowJSON)) ?? .null
        return .object(object)
    }

    /// A row of `runs ls`: id, status, workflow, created, duration, prompt id.
    var tableRow: [String] {
        [id, statusText, workflowName, Self.localTime(createdAt), duration.map { String(format: "%.1f s", $0) } ?? "-", promptID ?? "-"]
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
