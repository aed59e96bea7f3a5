/// What flows along a link in the simulation: just enough shape to name files, count batches and
/// answer `GetImageSize`, never pixels.
enum SimValue: Sendable {
    case image(width: Int, height: Int, batch: Int, rgb: Int)
    case mask(width: Int, height: Int, batch: Int)
    /// Size in pixels (a latent is 1/8 of it).
    case latent(width: Int, height: Int, batch: Int)
    case audio(channels: Int, sampleRate: Int, batch: Int, seconds: Double)
    case video(width: Int, height: Int, frames: Int, fps: Double)
    /// INT, FLOAT, STRING, BOOLEAN values.
    case scalar(JSONValue)
    /// Anything else (`MODEL`, `CLIP`, `CONDITIONING`, …), by type name.
    case opaque(String)

    static let defaultImage = SimValue.image(width: 512, height: 512, batch: 1, rgb: 0)

    /// Width, height and batch of anything image-like.
    var pixelShape: (width: Int, height: Int, batch: Int)? {
        switch self {
        case .image(let width, let height, let batch, _), .mask(let width, let height, let batch), .latent(let width, let height, let batch):
            return (width, height, batch)
        case .video(let width, let height, let frames, _): return (width, height, frames)
        default: return nil
        }
    }

    /// How Python's `str()` would show the value, for `current_inputs` and `PreviewAny`.
    var pythonDescription: String {
        switch self {
        case .scalar(let value): return PythonRepr.str(value)
        case .image(let width, let height, let batch, _):
            return "tensor of shape torch.Size([\(batch), \(height), \(width), 3])"
        case .mask(let width, let height, let batch):
            return "tensor of shape torch.Size([\(batch), \(height), \(width)])"
        case .latent(let width, let height, let batch):
            return "{'samples': tensor of shape torch.Size([\(batch), 4, \(height / 8), \(width / 8)])}"
        case .audio(let channels, let sampleRate, _, _):
            let row = "[0., 0., 0.,  ..., 0., 0., 0.]"
            let rows = Array(repeating: row, count: max(1, channels)).joined(separator: ",\n         ")
            return "{'waveform': tensor([[\(rows)]]), 'sample_rate': \(sampleRate)}"
        case .video(let width, let height, let frames, let fps):
            return "VideoFromComponents(\(frames) frames, \(width)x\(height), \(fps) fps)"
        case .opaque(let type): return "<\(type) object>"
        }
    }

    /// `format_value` in `current_inputs`: plain JSON for scalars, `str()` for the rest.
    var formattedForErrors: JSONValue {
        if case .scalar(let value) = self { return value }
        return .string(pythonDescription)
    }
}
