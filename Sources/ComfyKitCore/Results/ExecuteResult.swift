import OrderedCollections
import Foundation

/// The outcome of one run, with the Python ComfyKit's JSON keys in its order.
public struct ExecuteResult: Hashable, Sendable {
    /// How the run ended: `completed`, or why not (see ``msg``).
    public var status: RunStatus
    /// ComfyUI's prompt id or RunningHub's task id; `nil` when the run failed before submission.
    public var promptID: String?
    /// Seconds from submission to the end.
    public var duration: Double?
    /// Every image URL, in output order.
    public var images: [String] { imagesByVar.values.flatMap { $0 } }
    /// Image URLs by `$output` name (or node id), in the server's order.
    public var imagesByVar: OutputsByName
    /// Every audio URL, in output order.
    public var audios: [String] { audiosByVar.values.flatMap { $0 } }
    /// Audio URLs by `$output` name (or node id), in the server's order.
    public var audiosByVar: OutputsByName
    /// Every video URL (`gif` counts as video), in output order.
    public var videos: [String] { videosByVar.values.flatMap { $0 } }
    /// Video URLs by `$output` name (or node id), in the server's order.
    public var videosByVar: OutputsByName
    /// Every text output, in output order.
    public var texts: [String] { textsByVar.values.flatMap { $0 } }
    /// Text outputs by `$output` name (or node id), in the server's order.
    public var textsByVar: OutputsByName
    /// The server's raw outputs (`/history` `outputs`, or RunningHub's `{"raw_data": […]}`).
    public var outputs: JSONValue?
    /// What went wrong, for every status but `completed`.
    public var msg: String?

    /// A result from its parts; every part but `status` is empty by default.
    public init(
        status: RunStatus, promptID: String? = nil, duration: Double? = nil,
        imagesByVar: OutputsByName = [:], audiosByVar: OutputsByName = [:],
        videosByVar: OutputsByName = [:], textsByVar: OutputsByName = [:],
        outputs: JSONValue? = nil, msg: String? = nil
    ) {
        self.status = status
        self.promptID = promptID
        self.duration = duration
        self.imagesByVar = imagesByVar
        self.audiosByVar = audiosByVar
        self.videosByVar = videosByVar
        self.textsByVar = textsByVar
        self.outputs = outputs
        self.msg = msg
    }

    /// A result for a run that failed before it could be submitted.
    public static func failure(_ message: String, promptID: String? = nil, duration: Double? = nil) -> ExecuteResult {
        ExecuteResult(status: .error, promptID: promptID, duration: duration, msg: message)
    }

    /// The result as JSON with the Python keys in their order:
    /// `status, prompt_id, duration, images, images_by_var, audios, …, outputs, msg`.
    public var json: JSONValue {
        func list(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        func groups(_ byName: OutputsByName) -> JSONValue {
            .object(JSONObject(byName.map { ($0.key, list($0.value)) }))
        }
        return .object([
            "status": .string(status.rawValue),
            "prompt_id": promptID.map(JSONValue.string) ?? .null,
            "duration": duration.map(JSONValue.double) ?? .null,
            "images": list(images), "images_by_var": groups(imagesByVar),
            "audios": list(audios), "audios_by_var": groups(audiosByVar),
            "videos": list(videos), "videos_by_var": groups(videosByVar),
            "texts": list(texts), "texts_by_var": groups(textsByVar),
            "outputs": outputs ?? .null,
            "msg": msg.map(JSONValue.string) ?? .null,
        ])
    }

    /// Compact JSON in key order, as pydantic's `model_dump_json()` writes it.
    public func jsonString() -> String { JSONWriter.string(json) }
}

extension ExecuteResult: Codable {
    enum CodingKeys: String, CodingKey {
        case status, promptID = "prompt_id", duration, images, imagesByVar = "images_by_var", audios,
            audiosByVar = "audios_by_var", videos, videosByVar = "videos_by_var", texts,
            textsByVar = "texts_by_var", outputs, msg
    }

    /// Reads the Python ComfyKit's JSON keys (`prompt_id`, `images_by_var`, …); the flat lists are recomputed, and groups come back sorted by name.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func groups(_ key: CodingKeys) throws -> OutputsByName {
            let plain = try c.decodeIfPresent([String: [String]].self, forKey: key) ?? [:]
            return OutputsByName(uniqueKeysWithValues: plain.sorted { $0.key < $1.key })
        }
        self.init(
            status: try c.decode(RunStatus.self, forKey: .status),
            promptID: try c.decodeIfPresent(String.self, forKey: .promptID),
            duration: try c.decodeIfPresent(Double.self, forKey: .duration),
            imagesByVar: try groups(.imagesByVar), audiosByVar: try groups(.audiosByVar),
            videosByVar: try groups(.videosByVar), textsByVar: try groups(.textsByVar),
            outputs: try c.decodeIfPresent(JSONValue.self, forKey: .outputs),
            msg: try c.decodeIfPresent(String.self, forKey: .msg)
        )
    }

    /// Writes the Python ComfyKit's JSON keys; use ``jsonString()`` when key order matters.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(promptID, forKey: .promptID)
        try c.encode(duration, forKey: .duration)
        try c.encode(images, forKey: .images)
        try c.encode(Dictionary(uniqueKeysWithValues: imagesByVar.map { ($0.key, $0.value) }), forKey: .imagesByVar)
        try c.encode(audios, forKey: .audios)
        try c.encode(Dictionary(uniqueKeysWithValues: audiosByVar.map { ($0.key, $0.value) }), forKey: .audiosByVar)
        try c.encode(videos, forKey: .videos)
        try c.encode(Dictionary(uniqueKeysWithValues: videosByVar.map { ($0.key, $0.value) }), forKey: .videosByVar)
        try c.encode(texts, forKey: .texts)
        try c.encode(Dictionary(uniqueKeysWithValues: textsByVar.map { ($0.key, $0.value) }), forKey: .textsByVar)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(msg, forKey: .msg)
    }
}
