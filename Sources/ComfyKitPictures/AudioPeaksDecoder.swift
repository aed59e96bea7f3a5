import CSndFile

/// Reads a sound's peaks with libsndfile (FLAC, Ogg Vorbis and Opus, MP3, WAV) from the bytes in memory, bounded:
/// frames are read a block at a time and folded into at most ``AudioPeaks/maximumPeaks`` peaks (never the samples
/// themselves), and reading stops after ``maximumSeconds`` of sound (the caption says how much was read).
public enum AudioPeaksDecoder {
    /// The sound read for a waveform: a longer one shows its first ten minutes.
    public static let maximumSeconds = 600
    private static let blockFrames = 4096

    /// The peaks of `bytes`, recognised as `format`.
    ///
    /// ```swift
    /// let peaks = try AudioPeaksDecoder.peaks(bytes, format: .flac)
    /// print(WaveformDrawing(peaks).lines(columns: 40, rows: 4), peaks.caption)
    /// ```
    /// - Parameter maximumFrames: frames read at most; `nil` for ``maximumSeconds`` at the sound's rate.
    public static func peaks(_ bytes: [UInt8], format: AudioFormat, maximumFrames: Int? = nil) throws(PictureFailure) -> AudioPeaks {
        if let why = shim_sndfile_load() {
            throw PictureFailure(.unknownFormat, "a \(format.name) that cannot be drawn here: \(String(cString: why))")
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(PictureFailure) -> AudioPeaks in
            var input = shim_sound_input(data: buffer.baseAddress, size: Int64(buffer.count), position: 0)
            return try withUnsafeMutablePointer(to: &input) { (input) throws(PictureFailure) -> AudioPeaks in
                var info = SF_INFO()
                var why = [CChar](repeating: 0, count: 256)
                guard let file = shim_sound_open(input, &info, &why, why.count) else {
                    throw PictureFailure(.corrupt, "a damaged \(format.name): \(words(String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))")
                }
                defer { ck_sf_close(file) }
                let rate = Int(info.samplerate), channels = Int(info.channels)
                guard rate > 0, channels > 0, channels <= 64 else {
                    throw PictureFailure(.corrupt, "a damaged \(format.name): \(channels) channels at \(rate) Hz")
                }
                // libsndfile says 0, or its largest count, when the container does not tell the length (a stream).
                let declared = info.frames > 0 && info.frames < Int64(Int32.max) * 64 ? Int(info.frames) : nil
                let bound = maximumFrames ?? maximumSeconds * rate
                let (peaks, read) = fold(file, channels: channels, expected: declared.map { min($0, bound) }, bound: bound)
                try check(file, format: format, declared: declared, read: read, bound: bound)
                return AudioPeaks(sampleRate: rate, channels: channels, declaredFrames: declared, framesRead: read, peaks: peaks)
            }
        }
    }

    /// Reads blocks of frames until the end or the bound, folding each frame's lowest and highest sample (over all
    /// its channels) into the peaks.
    private static func fold(_ file: OpaquePointer, channels: Int, expected: Int?, bound: Int) -> ([AudioPeaks.Peak], Int) {
        var accumulator = PeakAccumulator(expectedFrames: expected)
        var block = [Float](repeating: 0, count: blockFrames * channels)
        var read = 0
        while read < bound {
            let wanted = min(blockFrames, bound - read)
            let count = block.withUnsafeMutableBufferPointer { Int(ck_sf_readf_float(file, $0.baseAddress, Int64(wanted))) }
            guard count > 0 else { break }
            block.withUnsafeBufferPointer { samples in
                for frame in 0..<count {
                    var low = samples[frame * channels], high = low
                    for channel in 1..<channels {
                        let sample = samples[frame * channels + channel]
                        low = min(low, sample)
                        high = max(high, sample)
                    }
                    accumulator.add(low: low, high: high)
                }
            }
            read += count
        }
        return (accumulator.finish(), read)
    }

    /// A sound that ended before its declared length is truncated; one whose decoder complained is damaged.
    private static func check(_ file: OpaquePointer, format: AudioFormat, declared: Int?, read: Int, bound: Int) throws(PictureFailure) {
        let error = ck_sf_error(file)
        // MP3 and Ogg lengths are estimates from their headers; FLAC and WAV declare theirs exactly.
        if let declared, read < min(declared, bound), format == .flac || format == .wav || read == 0 {
            throw PictureFailure(.corrupt, "a truncated \(format.name): \(read) of its \(declared) frames")
        }
        if error != 0, read == 0 {
            throw PictureFailure(.corrupt, "a damaged \(format.name): \(words(String(cString: ck_sf_error_number(error))))")
        }
    }

    /// libsndfile's message inside a sentence: "Error : unknown error in flac decoder." → "unknown error in flac decoder".
    private static func words(_ message: String) -> String {
        var text = Substring(message)
        if text.hasPrefix("Error : ") { text = text.dropFirst(8) }
        while text.last == "." { text = text.dropLast() }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
