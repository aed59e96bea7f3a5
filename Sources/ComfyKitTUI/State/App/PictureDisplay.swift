import ComfyKitPictures

/// How this session shows pictures, as chosen at start (``PictureChoice``): the protocol the views lay out for and
/// the reason, for the help overlay.
struct PictureDisplay: Hashable, Sendable {
    var picture: PictureProtocol = .off
    var reason = "off"

    /// Whether the views leave room for pictures at all.
    var isOn: Bool { picture != .off }
}
