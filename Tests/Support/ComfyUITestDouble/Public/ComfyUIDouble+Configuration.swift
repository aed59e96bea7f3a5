import Foundation
import Logging

extension ComfyUIDouble {
    /// Everything a test can tune about a double. The defaults behave like the recorded ComfyUI 0.3.64,
    /// only faster (nodes take a millisecond instead of real compute time).
    ///
    /// ```swift
    /// var config = ComfyUIDouble.Configuration()
    /// config.nodeDurations[.classType("ImageBlur")] = .seconds(1)
    /// config.historyFaults.failingResponses = 2
    /// let double = try await ComfyUIDouble.start(config)
    /// ```
    public struct Configuration: Sendable {
        /// Address to bind; keep it on loopback.
        public var host: String = "127.0.0.1"
        /// Port to bind; 0 picks a free one (read it from ``RunningDouble/baseURL``).
        public var port: Int = 0

        /// The `shared/` folder holding `comfyui/object_info.json` and the workflow media.
        /// Defaults to `$COMFYKIT_SHARED_DIR`, else the `shared` folder beside the repository.
        public var sharedDirectory: URL = Configuration.defaultSharedDirectory
        /// The `GET /object_info` document that drives validation; nil for `shared/comfyui/object_info.json`.
        public var objectInfoFile: URL?
        /// Files present in `input/` at start (uploaded-file names that `LoadImage`/`LoadAudio` accept);
        /// nil for everything in `shared/comfyui/workflows/media/`.
        public var preloadedInputs: [URL]?
        /// Model files per models folder, offered in loader combos (`ckpt_name`, `model_name`, …).
        public var models: [String: [String]] = [
            "checkpoints": ["comfykit-random-sd15.safetensors"],
            "upscale_models": ["comfykit-tiny-compact-x2.safetensors"],
        ]

        /// How long each executed node takes.
        public var nodeDuration: Duration = .milliseconds(1)
        /// How long `POST /queue` (deleting or clearing pending prompts) waits before it acts and answers: a
        /// client's cancel that removes a prompt before it interrupts it takes at least this long.
        public var queuePostDelay: Duration = .zero
        /// Per-class or per-node override of ``nodeDuration``.
        public var nodeDurations: [NodeSelector: Duration] = [:]
        /// Time between two progress updates of a node that reports progress.
        public var progressStepInterval: Duration = .milliseconds(1)
        /// Gives the selected nodes this many progress steps (`1...n`, like `ImageUpscaleWithModel`),
        /// replacing what their class would report.
        public var progressSteps: [NodeSelector: Int] = [:]
        /// Sampler preview frames: on/off and size.
        public var previews = PreviewSettings()
        /// Size in bytes of every file a node produces (streamed, never held in memory);
        /// nil for small real files (PNGs with the simulated width and height; videos and sounds from
        /// ``outputFixturesDirectory``).
        public var producedFileSize: Int?
        /// Real small files served for the videos and sounds nodes save (`video.mp4`, `video-vp9.webm`,
        /// `audio.flac`, `audio.mp3`, `audio.opus`); nil, or a missing file, serves magic bytes and filler instead.
        /// Defaults to `Tests/Fixtures/outputs` in the repository that holds this file.
        public var outputFixturesDirectory: URL? = Configuration.defaultOutputFixturesDirectory
        /// The bytes of every PNG an image node saves (`SaveImage`, `PreviewImage`, …), such as the recorded run's
        /// output (``PreviewSettings/recordedOutput(in:)``); nil for solid-colour PNGs of the simulated size.
        public var imageOutput: [UInt8]?
        /// Output node ids to execute first, in this order. The real server orders outputs by Python
        /// set iteration, which differs between server processes; the double uses prompt order for the
        /// rest. Pin it to a transcript's `prompt[4]` to replay that run's node order exactly.
        public var outputOrder: [String] = []

        /// Drop the WebSocket or make it go silent after some frames.
        public var webSocketFault: WebSocketFault?
        /// Slow, failing or late `/history`.
        public var historyFaults = HistoryFaults()
        /// Validation errors reported for the selected nodes.
        public var forcedValidationErrors: [NodeSelector: ForcedValidationError] = [:]
        /// Exceptions raised by the selected nodes when they execute.
        public var forcedExecutionErrors: [NodeSelector: ForcedExecutionError] = [:]
        /// Makes `POST /upload/image` fail.
        public var uploadFault: UploadFault?
        /// Loses answers to `POST /prompt` after queueing their prompts.
        public var promptAnswerFault: PromptAnswerFault?
        /// Behave as a newer ComfyUI: serve the jobs API (`GET /api/jobs`, `GET /api/jobs/{id}`,
        /// `POST /api/jobs/{id}/cancel`, `POST /api/jobs/cancel`), refuse a `prompt_id` that is not a canonical
        /// lowercase UUID, and stamp `create_time` into a queued prompt's `extra_data`. Off: 0.3.64, which
        /// answers 404 under `/api/jobs`.
        public var servesJobsAPI = false
        /// Reproduce ComfyUI's reconnect hazard: when an old socket with the same `clientId` closes after a new one has
        /// connected, the new one is unregistered and receives nothing more. On by default, as on the real server.
        public var reconnectOverlapHazard = true
        /// `max_upload_size` in bytes; larger request bodies get 413.
        public var maxUploadSize = 100 * 1024 * 1024
        /// Seeds the random parts (temp file prefixes, generated ids), so runs are reproducible.
        public var seed: UInt64 = 0
        /// A file that gets a `started|finished <prompt_id> <CLOCK_MONOTONIC ns>` line per prompt edge,
        /// for benchmarks timing "server finished → result in hand"; nil writes none.
        public var timestampLog: URL?
        /// Where the double logs; silent by default.
        public var logger = Logger(label: "comfyui-double", factory: { _ in SwiftLogNoOpLogHandler() })

        public init() {}

        /// `$COMFYKIT_SHARED_DIR`, else `shared/` beside the repository that holds this file.
        public static var defaultSharedDirectory: URL {
            if let dir = ProcessInfo.processInfo.environment["COMFYKIT_SHARED_DIR"] { return URL(fileURLWithPath: dir) }
            var url = URL(fileURLWithPath: #filePath)
            for _ in 0..<5 { url.deleteLastPathComponent() }
            return url.deletingLastPathComponent().appendingPathComponent("shared")
        }

        /// `Tests/Fixtures/outputs` in the repository that holds this file.
        public static var defaultOutputFixturesDirectory: URL {
            var url = URL(fileURLWithPath: #filePath)
            for _ in 0..<5 { url.deleteLastPathComponent() }
            return url.appendingPathComponent("Tests/Fixtures/outputs")
        }

        /// The real file served for a saved output with this extension, when there is one.
        func outputFixture(forExtension fileExtension: String) -> [UInt8]? {
            let names = ["mp4": "video.mp4", "webm": "video-vp9.webm", "flac": "audio.flac", "mp3": "audio.mp3", "opus": "audio.opus"]
            guard let directory = outputFixturesDirectory, let name = names[fileExtension.lowercased()] else { return nil }
            return (try? Data(contentsOf: directory.appendingPathComponent(name))).map { [UInt8]($0) }
        }

        var resolvedObjectInfoFile: URL {
            objectInfoFile ?? sharedDirectory.appendingPathComponent("comfyui/object_info.json")
        }

        var resolvedPreloadedInputs: [URL] {
            if let preloadedInputs { return preloadedInputs }
            let media = sharedDirectory.appendingPathComponent("comfyui/workflows/media")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: media.path)) ?? []
            return names.sorted().map { media.appendingPathComponent($0) }
        }
    }
}
