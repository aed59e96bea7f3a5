import Foundation

extension SharedFixtures {
    /// The shared workflows that complete on the ComfyUI double with ``requiredParams(for:)``.
    public static let runnableWorkflows = [
        "01_empty_image_save", "02_load_transform_save", "03_preview_image", "04_multi_output",
        "05_animated_webp_png", "06_video_mp4_webm", "07_audio_generated", "08_audio_load_save",
        "09_text_output", "10_progress_websocket_images", "17_partial_failure_one_output_invalid",
        "21_progress_upscale_tiny_model",
    ]

    /// The required params of a shared workflow (by its number prefix), as a user types them: `["width": "64"]`.
    public static func requiredParams(for workflow: String) -> [String: String] {
        switch workflow.prefix(2) {
        case "01", "05", "06": return ["width": "64", "height": "48"]
        case "12": return ["width": "0", "height": "48"]  // the recorded refusal: width below its minimum
        case "02", "04", "21", "22": return ["image": media("comfykit_test.png").path]
        case "07": return ["duration": "0.5"]
        case "08": return ["audio": media("comfykit_tone.wav").path]
        case "09": return ["text": "hello"]
        case "11": return ["duration": "0.5"]
        case "13": return ["image": "does_not_exist.png"]
        case "14": return ["width": "64"]
        default: return [:]
        }
    }

    /// The outputs the recorded `/history` of workflow `name` holds: file counts by `node.category`
    /// (`"9.images": 1`); nil when no transcript has its history.
    public static func recordedOutputShape(_ name: String) throws -> [String: Int]? {
        let transcriptName = name.hasPrefix("10_") ? "10_progress_websocket_images_legacy" : name.hasPrefix("22_") ? nil : name
        guard let transcriptName else { return nil }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: transcript(transcriptName))) as? [String: Any]
        guard let promptID = json?["prompt_id"] as? String else { return nil }
        let exchanges = json?["http"] as? [Any] ?? []
        let entry = exchanges.lazy.compactMap { exchange in
            ((exchange as? [String: Any])?["body"] as? [String: Any])?[promptID] as? [String: Any]
        }.first
        guard let entry else { return nil }
        var shape: [String: Int] = [:]
        for (node, output) in entry["outputs"] as? [String: Any] ?? [:] {
            for (key, value) in output as? [String: Any] ?? [:] where key != "animated" {
                shape["\(node).\(key)", default: 0] += (value as? [Any])?.count ?? 0
            }
        }
        return shape
    }
}
