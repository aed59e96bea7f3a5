import ComfyKit

/// What `run` shows of a sweep, folded from its events: prompts queued, running and done per server, and each
/// prompt's end. Pure, so the live line and the table are tested as text.
struct SweepBoard {
    struct Counts: Equatable {
        var queued = 0
        var running = 0
        var done = 0
    }

    /// One prompt that ended.
    struct Row {
        let point: SweepPlan.Point
        let server: String?
        let result: ExecuteResult
    }

    private(set) var servers: [String]
    private(set) var counts: [String: Counts] = [:]
    private(set) var rows: [Int: Row] = [:]
    private(set) var total = 0
    private(set) var skipped: [(server: String, reason: String)] = []
    private var started: Set<Int> = []

    init(servers: [String]) { self.servers = servers }

    /// Folds one event in; returns a line worth printing above the live line, if any.
    mutating func apply(_ event: SweepEvent) -> String? {
        switch event {
        case .planned(let points):
            total = points.count
        case .skipped(let server, let reason):
            skipped.append((server, reason))
            return "\(server) is skipped: \(reason)"
        case .routed(_, let server):
            if !servers.contains(server) { servers.append(server) }
            counts[server, default: Counts()].queued += 1
        case .started(let point, let server):
            started.insert(point.index)
            counts[server, default: Counts()].queued -= 1
            counts[server, default: Counts()].running += 1
        case .finished(let point, let server, let outcome):
            rows[point.index] = Row(point: point, server: server, result: outcome.result)
            if let server {
                var count = counts[server, default: Counts()]
                if started.remove(point.index) != nil { count.running -= 1 } else { count.queued -= 1 }
                count.done += 1
                counts[server] = count
            }
            if outcome.result.status != .completed {
                return "prompt \(point.index + 1)\(Self.afterSpace(point)): \(outcome.result.status.rawValue): \(outcome.result.msg ?? "")"
            }
        case .rerouted(let point, let from, let to, let reason):
            if !servers.contains(to) { servers.append(to) }
            if started.remove(point.index) != nil { counts[from, default: Counts()].running -= 1 } else { counts[from, default: Counts()].queued -= 1 }
            counts[to, default: Counts()].queued += 1
            return "prompt \(point.index + 1)\(Self.afterSpace(point)) goes to \(to): \(from) \(reason)"
        case .sending, .submitted, .refused:
            break
        }
        return nil
    }

    /// A prompt that had ended before this process (a resumed sweep's): its row, and one done on its server.
    mutating func noteEnded(_ point: SweepPlan.Point, server: String, result: ExecuteResult) {
        rows[point.index] = Row(point: point, server: server, result: result)
        if !servers.contains(server) { servers.append(server) }
        counts[server, default: Counts()].done += 1
    }

    /// `12/40 done · box1 5 done 1 running 1 queued · box2 …`; a server named by its URL shows as `host:port`, so that
    /// three of them fit on a line as in the TUI's header.
    func line() -> String {
        let done = rows.count
        let parts = servers.map { server in
            let count = counts[server] ?? Counts()
            return "\(ServerReference.shortName(server)) \(count.done) done \(count.running) running \(count.queued) queued"
        }
        return (["\(done)/\(total) done"] + parts).joined(separator: " · ")
    }

    /// The table at the end: the varied values, then status, server and outputs, one row per prompt.
    func table() -> [String] {
        let ordered = rows.keys.sorted().compactMap { rows[$0] }
        let names = ordered.first?.point.varied.map(\.name) ?? []
        let body = ordered.map { row in
            [String(row.point.index + 1)] + row.point.varied.map { Self.text($0.value) }
                + [row.result.status.rawValue, row.server ?? "-", Self.outputs(row.result)]
        }
        return TextTable.table(header: ["#"] + names + ["status", "server", "outputs"], rows: body)
    }

    /// True when any prompt ended otherwise than completed.
    var anyFailed: Bool { rows.values.contains { $0.result.status != .completed } }

    /// The `--json` object of one prompt (documented in the README).
    static func json(_ row: Row, runID: String?) -> JSONValue {
        let result = row.result.json
        var outputs = JSONObject()
        for key in ["images_by_var", "videos_by_var", "audios_by_var", "texts_by_var"] { outputs[key] = result[key] ?? .object([:]) }
        return .object([
            "index": .int(row.point.index),
            "values": .object(JSONObject(row.point.varied.map { ($0.name, $0.value.jsonValue) })),
            "server": row.server.map(JSONValue.string) ?? .null,
            "status": .string(row.result.status.rawValue),
            "prompt_id": row.result.promptID.map(JSONValue.string) ?? .null,
            "outputs": .object(outputs),
            "message": row.result.msg.map(JSONValue.string) ?? .null,
            "run": runID.map(JSONValue.string) ?? .null,
        ])
    }

    static func values(_ point: SweepPlan.Point) -> String {
        point.varied.map { "\($0.name)=\(text($0.value))" }.joined(separator: " ")
    }

    /// ``values(_:)`` after a space, or nothing when the prompt varies nothing (a `--count` alone).
    static func afterSpace(_ point: SweepPlan.Point) -> String {
        let values = values(point)
        return values.isEmpty ? "" : " " + values
    }

    private static func text(_ value: ParamValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.string(value.jsonValue)
    }

    private static func outputs(_ result: ExecuteResult) -> String {
        let files = (result.images + result.videos + result.audios).map { url in
            String(url.split(separator: "filename=").last?.split(separator: "&").first ?? Substring(url))
        }
        return (files + result.texts).joined(separator: " ")
    }
}
