import Foundation

/// Preview frames sent while sampler-like nodes report progress.
public struct PreviewSettings: Sendable, Equatable {
    /// Sampler previews (`KSampler`, …). `SaveImageWebsocket` frames are its output and always sent.
    public var enabled: Bool
    /// Size in bytes of each preview image (the frame adds its header); nil for a small real image.
    public var imageSize: Int?
    /// JPEG previews recorded from a real run, sent one a step in turn (cycling) instead of the grey one; see
    /// ``recorded(in:)``.
    public var recordedFrames: [[UInt8]]?
    /// A preview at every this many steps (1: each step): with 2,000 steps a second, 100 sends 20 frames a second.
    public var everySteps: Int

    public init(enabled: Bool = true, imageSize: Int? = nil, recordedFrames: [[UInt8]]? = nil, everySteps: Int = 1) {
        self.enabled = enabled
        self.imageSize = imageSize
        self.recordedFrames = recordedFrames
        self.everySteps = max(1, everySteps)
    }

    /// The real SD1.5 run's four 512×512 latent2rgb previews in `shared/comfyui/previews/` (`legacy_frameNN.bin`,
    /// whose 8-byte type-1 header is dropped: the double adds its own, type 1 or 4 as the client asked).
    public static func recorded(in sharedDirectory: URL) throws -> PreviewSettings {
        let folder = sharedDirectory.appendingPathComponent("comfyui/previews")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("legacy_frame") && $0.hasSuffix(".bin") }.sorted()
        let frames = try names.map { Array(try Data(contentsOf: folder.appendingPathComponent($0)).dropFirst(8)) }
        return PreviewSettings(recordedFrames: frames)
    }

    /// The same run's output, `legacy_output.png` (64×64), for ``ComfyUIDouble/Configuration/imageOutput``.
    public static func recordedOutput(in sharedDirectory: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: sharedDirectory.appendingPathComponent("comfyui/previews/legacy_output.png")))
    }
}
