import ComfyKit

/// The live preview the run panel shows while a run samples: the latest frame of this run's prompt, replaced in
/// place at most ten times a second (a frame that comes sooner waits, and a newer one takes its place).
struct RunPreview: Hashable, Sendable {
    /// Counts the frames shown, so each is a new picture (``PictureSource/preview(runID:frame:)``).
    let frame: Int
    let format: Preview.Format
    let bytes: [UInt8]
    /// The app's clock when it was shown.
    let shownAt: Double

    /// The least time between two frames shown.
    static let interval = 0.1
}

extension RunState {
    /// Takes a preview frame of this run's prompt (type 4 frames name it; type 1 frames belong to whatever runs);
    /// shows it now, or keeps it for ``showWaitingPreview(at:)`` when the last one was shown less than 0.1 s ago.
    mutating func takePreview(_ preview: Preview, at clock: Double) {
        if let id = preview.promptID, let promptID, id != promptID { return }
        if let shown = self.preview, clock - shown.shownAt < RunPreview.interval {
            waitingPreview = preview
            return
        }
        show(preview, at: clock)
    }

    /// Shows the frame that waited, once its time has come.
    mutating func showWaitingPreview(at clock: Double) {
        guard let waiting = waitingPreview, clock - (preview?.shownAt ?? -.infinity) >= RunPreview.interval else { return }
        show(waiting, at: clock)
    }

    private mutating func show(_ preview: Preview, at clock: Double) {
        self.preview = RunPreview(frame: (self.preview?.frame ?? 0) + 1, format: preview.format, bytes: preview.bytes, shownAt: clock)
        waitingPreview = nil
    }

    /// The first output that can be drawn as a picture (an image, else a video's first frame), for the panel once done.
    var firstPictureOutput: String? {
        outputs.lazy.compactMap { if case .file(let url) = $0, MediaKind(url: url).isPicture { url } else { nil } }.first
    }

    /// The outputs drawn as pictures, in order, with their index in ``outputs``.
    var pictureOutputs: [(index: Int, url: String)] {
        outputs.enumerated().compactMap { index, output in
            if case .file(let url) = output, MediaKind(url: url).isPicture { (index, url) } else { nil }
        }
    }
}
