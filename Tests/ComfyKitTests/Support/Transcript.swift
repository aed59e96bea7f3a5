import ComfyKit
import Foundation

/// One recorded run from `shared/comfyui/transcripts/`: HTTP exchanges and WebSocket frames.
struct Transcript {
    let json: JSONValue

    init(_ name: String) throws {
        let url = Fixtures.transcriptsDir.appendingPathComponent(name.hasSuffix(".json") ? name : name + ".json")
        json = try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    var promptID: String? { json["prompt_id"]?.stringValue }

    /// The text frames, decoded as the client decodes them.
    var textFrames: [JSONValue] { (json["ws"]?.arrayValue ?? []).compactMap { $0["ws"] }.filter { $0["type"] != nil } }

    /// The body of the first exchange whose request starts with `prefix`.
    func body(of prefix: String) -> JSONValue? {
        json["http"]?.arrayValue?.first { $0["request"]?.stringValue?.hasPrefix(prefix) == true && $0["body"] != nil }?["body"]
    }

    /// The history entry of the run (`GET /history/{id}` with a body).
    var historyEntry: JSONObject? {
        guard let promptID else { return nil }
        return json["http"]?.arrayValue?.compactMap { $0["body"]?[promptID]?.objectValue }.first
    }
}
