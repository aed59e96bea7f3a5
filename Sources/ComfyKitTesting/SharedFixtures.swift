import ComfyUITestDouble
import Foundation

/// The recorded ComfyUI material in `shared/comfyui/` (workflows, their media, transcripts, `object_info.json`),
/// which sits beside the repository; `COMFYKIT_SHARED_DIR` says where it is instead.
///
/// ```swift
/// let path = SharedFixtures.workflow("01_empty_image_save").path
/// ```
public enum SharedFixtures {
    /// `shared/`, or `$COMFYKIT_SHARED_DIR`: the same folder the ComfyUI double replays by default.
    public static let directory = ComfyUIDouble.Configuration.defaultSharedDirectory

    /// `shared/comfyui/workflows/`: the API-format workflows the transcripts were recorded with.
    public static let workflowsDirectory = directory.appendingPathComponent("comfyui/workflows")
    /// `shared/comfyui/transcripts/`: one recorded run a file, HTTP exchanges and WebSocket frames.
    public static let transcriptsDirectory = directory.appendingPathComponent("comfyui/transcripts")
    /// `shared/comfyui/workflows/media/`: the images and audio the workflows load.
    public static let mediaDirectory = workflowsDirectory.appendingPathComponent("media")
    /// The real server's `GET /object_info`.
    public static let objectInfo = directory.appendingPathComponent("comfyui/object_info.json")
    /// Editor-format workflows (`NAME.json`), what the real frontend sent for each (`NAME.api.json`), and the
    /// `/object_info` of the server it was served by.
    public static let editorFormatDirectory = directory.appendingPathComponent("comfyui/editor-format")

    /// The workflow file `name` (`.json` added when missing).
    public static func workflow(_ name: String) -> URL {
        workflowsDirectory.appendingPathComponent(name.hasSuffix(".json") ? name : name + ".json")
    }

    /// The transcript file `name` (`.json` added when missing).
    public static func transcript(_ name: String) -> URL {
        transcriptsDirectory.appendingPathComponent(name.hasSuffix(".json") ? name : name + ".json")
    }

    /// The media file `name` (`comfykit_test.png`, `comfykit_tone.wav`, …).
    public static func media(_ name: String) -> URL { mediaDirectory.appendingPathComponent(name) }

    /// `Tests/Fixtures/outputs/`: small real files the double serves for saved videos and sounds (a 64×64 one-second
    /// MP4 and WebM, whose first half is #E03020 and second #2040E0; one-second 440 Hz sines at half scale in FLAC,
    /// MP3 and Opus).
    public static let outputsDirectory = ComfyUIDouble.Configuration.defaultOutputFixturesDirectory

    /// The output fixture `name` (`video.mp4`, `video-vp9.webm`, `video-vp8.webm`, `audio.flac`, …).
    public static func output(_ name: String) -> URL { outputsDirectory.appendingPathComponent(name) }

    /// The workflow file names (`01_empty_image_save.json`, …), sorted.
    public static var workflowNames: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: workflowsDirectory.path))?
            .filter { $0.hasSuffix(".json") }.sorted() ?? []
    }
}
