/// What a simulated node did: its output values and the side effects the executor turns into files and events.
struct NodeOutcome: Sendable {
    var outputs: [SimValue] = []
    /// Files to write, reported under `ui[uiKey]`.
    var save: SaveRequest?
    /// `PreviewAny`'s `ui.text`.
    var text: [String]?
    /// A binary `TEXT` frame (`send_progress_text`), e.g. `GetImageSize`'s.
    var progressText: String?
    var progress: ProgressPlan?
}

/// Files an output node writes (`SaveImage`, `PreviewAudio`, …).
struct SaveRequest: Sendable {
    var uiKey: String
    var folder: FileFolder
    /// `filename_prefix`, possibly with a subfolder (`comfykit/empty`).
    var prefix: String
    var fileExtension: String
    var count: Int
    var media: ProducedMedia.Kind
    /// Adds `animated: [true]` next to the files.
    var animated = false
}

/// Progress a node reports while it runs.
struct ProgressPlan: Sendable {
    enum Preview: Sendable {
        case none
        /// A sampler's latent preview (JPEG), subject to ``PreviewSettings``.
        case sampler
        /// The node's own PNG image per step (`SaveImageWebsocket`), always sent.
        case image(width: Int, height: Int, rgb: Int)
    }

    /// The successive `value`s (`1...n` for most nodes, `0..<n` for `SaveImageWebsocket`).
    var values: [Int]
    var max: Int
    var preview: Preview = .none

    static func counting(to steps: Int, preview: Preview = .none) -> ProgressPlan {
        ProgressPlan(values: steps > 0 ? Array(1...steps) : [], max: steps, preview: preview)
    }
}

/// An exception a simulated node raises.
struct NodeFailure: Error, Sendable {
    var exceptionType: String
    var message: String
    /// `traceback` lines, as `traceback.format_tb` gives them.
    var traceback: [String]
}
