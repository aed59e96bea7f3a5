/// A sound reduced to what its waveform draws: the lowest and highest sample of each run of frames (all channels
/// together), with its length, sample rate and channels for the caption. Holds at most ``maximumPeaks`` peaks
/// whatever the sound's length.
public struct AudioPeaks: Sendable, Equatable {
    /// The lowest and highest sample (-1…1) of a run of frames.
    public struct Peak: Sendable, Equatable {
        public var low: Float
        public var high: Float

        public init(low: Float, high: Float) {
            (self.low, self.high) = (low, high)
        }

        func merged(with other: Peak) -> Peak {
            Peak(low: min(low, other.low), high: max(high, other.high))
        }
    }

    /// Peaks kept for a sound of any length: more than any terminal is wide in braille dots.
    public static let maximumPeaks = 2048

    public let sampleRate: Int
    public let channels: Int
    /// The frames the file says it holds, when it says so.
    public let declaredFrames: Int?
    /// The frames the peaks cover (fewer than declared when reading stopped at the bound).
    public let framesRead: Int
    /// The peaks, in order, each over the same number of frames (the last over fewer).
    public let peaks: [Peak]

    public init(sampleRate: Int, channels: Int, declaredFrames: Int?, framesRead: Int, peaks: [Peak]) {
        (self.sampleRate, self.channels, self.declaredFrames, self.framesRead, self.peaks) = (sampleRate, channels, declaredFrames, framesRead, peaks)
    }

    /// The sound's length in seconds, as declared (else as read).
    public var duration: Double {
        Double(declaredFrames ?? framesRead) / Double(max(1, sampleRate))
    }

    /// Whether the peaks cover less than the whole sound (reading stopped at the bound).
    public var isPartial: Bool {
        declaredFrames.map { framesRead < $0 } ?? false
    }

    /// "1.0 s · 44.1 kHz · stereo"; "first 10:00 of 1:02:00 · 48 kHz · mono" when only the start was read.
    public var caption: String {
        let length = isPartial
            ? "first \(Self.time(Double(framesRead) / Double(max(1, sampleRate)))) of \(Self.time(duration))"
            : Self.time(duration)
        let channelWords = switch channels {
        case 1: "mono"
        case 2: "stereo"
        default: "\(channels) channels"
        }
        return "\(length) · \(Self.kilohertz(sampleRate)) · \(channelWords)"
    }

    /// "0.4 s", "59.9 s", "1:05", "1:02:00".
    static func time(_ seconds: Double) -> String {
        if seconds < 59.95 {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let whole = Int(seconds.rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }

    /// "44.1 kHz", "22.05 kHz", "48 kHz".
    static func kilohertz(_ rate: Int) -> String {
        var text = String(rate / 1000)
        var fraction = rate % 1000
        if fraction > 0 {
            var digits = ""
            var place = 100
            while fraction > 0, place > 0 {
                digits += String(fraction / place)
                fraction %= place
                place /= 10
            }
            text += "." + digits
        }
        return text + " kHz"
    }
}

/// Gathers peaks while a sound streams by, in bounded memory: when it holds ``AudioPeaks/maximumPeaks`` peaks,
/// neighbours are merged in pairs and each later peak covers twice the frames.
struct PeakAccumulator {
    private(set) var peaks: [AudioPeaks.Peak] = []
    private(set) var framesPerPeak: Int
    private var current = AudioPeaks.Peak(low: .infinity, high: -.infinity)
    private var inCurrent = 0
    private let limit: Int

    /// `expectedFrames`, when known, sets the frames per peak so that no merging is needed.
    init(expectedFrames: Int?, limit: Int = AudioPeaks.maximumPeaks) {
        self.limit = max(2, limit)
        framesPerPeak = max(1, ((expectedFrames ?? 0) + self.limit - 1) / self.limit)
    }

    /// One frame's lowest and highest sample.
    mutating func add(low: Float, high: Float) {
        current.low = min(current.low, low)
        current.high = max(current.high, high)
        inCurrent += 1
        if inCurrent == framesPerPeak { close() }
    }

    /// The peaks, the last partial one included.
    mutating func finish() -> [AudioPeaks.Peak] {
        if inCurrent > 0 { close() }
        return peaks
    }

    /// Ends the current peak; when the peaks are full, halves them first, so that a sound whose length was known
    /// ends with exactly as many as were planned.
    private mutating func close() {
        if peaks.count == limit {
            peaks = stride(from: 0, to: peaks.count, by: 2).map { index in
                index + 1 < peaks.count ? peaks[index].merged(with: peaks[index + 1]) : peaks[index]
            }
            framesPerPeak *= 2
        }
        peaks.append(current)
        current = AudioPeaks.Peak(low: .infinity, high: -.infinity)
        inCurrent = 0
    }
}
