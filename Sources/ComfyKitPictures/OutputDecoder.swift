/// What a server's output file becomes to be drawn: a picture, a video's first frame, or a sound's peaks (drawn as
/// a waveform with ``WaveformDrawing``).
public enum DecodedOutput: Sendable, Equatable {
    case picture(PixelImage)
    case videoFrame(PixelImage, VideoFormat)
    case sound(AudioPeaks, AudioFormat)
}

/// What the caller expected an output file to hold (from its name or its place in the history), for the reason
/// given when its bytes are something else: "an HTML page where a video was expected".
public enum ExpectedMedia: String, Sendable {
    case picture = "a picture"
    case video = "a video"
    case sound = "a sound"
}

/// Decodes any output file that is drawn, recognising it from its bytes: pictures with gdk-pixbuf, videos' first
/// frames with FFmpeg, sounds' peaks with libsndfile; each bounded as its decoder is.
///
/// ```swift
/// switch try OutputDecoder.decode(bytes, fitting: (width: 400, height: 400), expecting: .video) {
/// case .picture(let image), .videoFrame(let image, _): draw(image)
/// case .sound(let peaks, _): print(WaveformDrawing(peaks).lines(columns: 40, rows: 4), peaks.caption)
/// }
/// ```
public enum OutputDecoder {
    /// The formats drawn, for the reason given for one that is not.
    static let drawnFormats = "PNG, JPEG, WebP, GIF, MP4, WebM, FLAC, MP3, Ogg and WAV"

    /// - Parameter fitting: a box in pixels pictures and frames fit in, aspect kept (never enlarged); `nil` for full size.
    public static func decode(_ bytes: [UInt8], fitting: (width: Int, height: Int)?,
                              expecting expected: ExpectedMedia = .picture) throws(PictureFailure) -> DecodedOutput {
        guard !bytes.isEmpty else { throw PictureFailure(.empty, "an empty file (0 bytes), not \(expected.rawValue)") }
        switch MediaFormat.sniff(bytes) {
        case .picture?:
            return .picture(try PictureDecoder.decode(bytes, fitting: fitting))
        case .video(let format)?:
            return .videoFrame(try VideoFrameDecoder.firstFrame(bytes, format: format, fitting: fitting), format)
        case .audio(let format)?:
            return .sound(try AudioPeaksDecoder.peaks(bytes, format: format), format)
        case nil:
            throw PictureFailure(.unknownFormat, PictureFormat.unknownReason(bytes, expected: expected.rawValue, drawn: drawnFormats))
        }
    }
}
