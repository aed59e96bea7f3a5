import ComfyKitTesting
import Foundation
@testable import ComfyUITestDouble

/// The recorded ComfyUI material in `shared/comfyui/`: workflows and transcripts.
enum Recordings {
    static func workflow(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: SharedFixtures.workflow(name))))
    }

    static func transcript(_ name: String) throws -> Transcript {
        Transcript(json: try JSONParser.parse(Array(Data(contentsOf: SharedFixtures.transcript(name)))))
    }

    static func media(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SharedFixtures.media(name)))
    }
}

/// One recorded run: its HTTP exchanges and WebSocket frames.
struct Transcript {
    let json: JSONValue

    /// The frames of a `ws`-like list (`ws`, `ws_first_connection`, `ws_submitter_A`, …).
    func frames(_ key: String = "ws") -> [JSONValue] {
        (json[key]?.arrayValue ?? []).compactMap { $0["ws"] }
    }

    /// Frame kinds: the event `type`, or `binary:N` for binary frames.
    func types(_ key: String = "ws") -> [String] { frames(key).map(Transcript.kind) }

    static func kind(_ frame: JSONValue) -> String {
        if case .bool(true) = frame["binary"] { return "binary:\(frame["event_type"]?.intValue ?? 0)" }
        return frame["type"]?.stringValue ?? "?"
    }

    /// The first exchange whose request starts with `prefix` and has a body.
    func http(_ prefix: String) -> JSONValue? {
        json["http"]?.arrayValue?.first { ($0["request"]?.stringValue ?? "").hasPrefix(prefix) && $0["status"] != nil }
    }

    /// The recorded history entry of the run's prompt.
    var historyEntry: JSONValue? {
        for exchange in json["http"]?.arrayValue ?? [] {
            guard (exchange["request"]?.stringValue ?? "").hasPrefix("GET /history/"), let body = exchange["body"]?.objectValue,
                  let entry = body.entries.first?.value, entry["prompt"] != nil else { continue }
            return entry
        }
        return nil
    }

    /// Events of one type, in order.
    func events(_ type: String, in key: String = "ws") -> [JSONValue] {
        frames(key).filter { $0["type"]?.stringValue == type }.compactMap { $0["data"] }
    }
}

/// Turns run-specific values into placeholders so recorded and replayed payloads compare by shape.
enum Shape {
    /// `empty_00001_.png` → `empty_#_.png`; `ComfyUI_temp_kxrnj_00002_.png` → `ComfyUI_temp_?_#_.png`.
    static func filename(_ name: String) -> String {
        var text = name.replacingOccurrences(of: #"_\d{5}_"#, with: "_#_", options: .regularExpression)
        text = text.replacingOccurrences(of: #"ComfyUI_temp_[a-z]{5}"#, with: "ComfyUI_temp_?", options: .regularExpression)
        return text
    }

    /// A UI dict with file names normalised.
    static func ui(_ value: JSONValue?) -> JSONValue? {
        guard let object = value?.objectValue else { return value }
        var out = JSONObject()
        for (key, item) in object.entries {
            out[key] = .array((item.arrayValue ?? []).map { entry in
                guard var file = entry.objectValue, let name = file["filename"]?.stringValue else { return entry }
                file["filename"] = .string(filename(name))
                return .object(file)
            })
        }
        return .object(out)
    }

    /// Replaces the volatile fields (ids, timestamps) of an event payload.
    static func event(_ value: JSONValue) -> JSONValue {
        guard var object = value.objectValue else { return value }
        for key in ["prompt_id", "timestamp"] where object.contains(key) { object[key] = "*" }
        if object.contains("output") { object["output"] = ui(object["output"]) ?? .null }
        if let nodes = object["nodes"]?.objectValue {
            var normalised = JSONObject()
            for (id, entry) in nodes.entries {
                var node = entry.objectValue ?? [:]
                node["prompt_id"] = "*"
                normalised[id] = .object(node)
            }
            object["nodes"] = .object(normalised)
        }
        return .object(object)
    }
}
