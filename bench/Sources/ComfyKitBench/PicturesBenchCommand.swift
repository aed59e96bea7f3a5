import ArgumentParser
import ComfyKitPictures
import Foundation

/// Decodes an output's bytes and encodes it as a thumbnail (as the TUI's runs screen does: a picture, a video's
/// first frame, a sound's waveform): the time of each repetition; with `--cache`, the resident memory with that many
/// thumbnails kept.
struct PicturesBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pictures", abstract: "Time decode + encode of a picture into a thumbnail.")

    @Option(help: "The output file (PNG, JPEG, WebP, GIF; MP4, WebM: the first frame; FLAC, MP3, Ogg, WAV: the waveform).")
    var file: String

    @Option(help: "kitty, sixel, iterm or symbols.")
    var picture: String = "symbols"

    @Option(help: "The thumbnail's width in cells.")
    var columns = 40

    @Option(help: "The thumbnail's height in cells.")
    var rows = 20

    @Option(help: "Repetitions timed.")
    var repeats = 20

    @Option(help: "Thumbnails kept (each decoded and encoded again, as distinct pictures would be) before the RSS is read; 0: none.")
    var cache = 0

    struct Output: Encodable {
        let seconds: [Double]
        let bytes: Int
        let cells: [Int]
        let rssBeforeCache: Int
        let rssWithCache: Int
        let cached: Int
    }

    func run() async throws {
        guard let protocolChoice = PictureProtocol(rawValue: picture), protocolChoice != .off else {
            throw BenchError(description: "--picture: kitty, sixel, iterm or symbols")
        }
        let encoder = PictureEncoder(choice: PictureChoice(picture: protocolChoice, passthrough: false, monochrome: false, reason: "bench"),
                                     cellSize: .fallback)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let box = (width: columns * CellSize.fallback.width, height: rows * CellSize.fallback.height)
        var times: [Double] = []
        var last: EncodedPicture = .symbols([])
        for _ in 0..<repeats {
            let start = Clocks.monotonicNanoseconds()
            last = try thumbnail(bytes, box: box, encoder: encoder, kittyImageID: 1)
            times.append(Double(Clocks.monotonicNanoseconds() - start) / 1e9)
        }
        let before = Clocks.currentRSSBytes()
        var kept: [EncodedPicture] = []
        for index in 0..<cache {
            kept.append(try thumbnail(bytes, box: box, encoder: encoder, kittyImageID: UInt32(index + 1)))
        }
        let with = Clocks.currentRSSBytes()
        let size: Int
        switch last {
        case .graphics(let encoded, _, _): size = encoded.count
        case .symbols(let cells): size = cells.count * (cells.first?.count ?? 0)
        }
        try emit(Output(seconds: times, bytes: size, cells: [last.columns, last.rows], rssBeforeCache: before, rssWithCache: with, cached: kept.count))
    }

    /// The thumbnail the TUI makes of `bytes`: a picture or a first frame encoded, a sound's waveform as symbols.
    private func thumbnail(_ bytes: [UInt8], box: (width: Int, height: Int), encoder: PictureEncoder, kittyImageID: UInt32) throws -> EncodedPicture {
        switch try OutputDecoder.decode(bytes, fitting: box) {
        case .picture(let image), .videoFrame(let image, _):
            return encoder.encode(image, columns: columns, rows: rows, kittyImageID: kittyImageID)
        case .sound(let peaks, _):
            return .symbols(WaveformDrawing(peaks).cells(columns: columns, rows: rows - 1, colour: nil))
        }
    }
}
