/// Preview frames sent while sampler-like nodes report progress.
public struct PreviewSettings: Sendable, Equatable {
    /// Sampler previews (`KSampler`, …). `SaveImageWebsocket` frames are its output and always sent.
    public var enabled: Bool
    /// Size in bytes of each preview image (the frame adds its header); nil for a small real image.
    public var imageSize: Int?

    public init(enabled: Bool = true, imageSize: Int? = nil) {
        self.enabled = enabled
        self.imageSize = imageSize
    }
}
