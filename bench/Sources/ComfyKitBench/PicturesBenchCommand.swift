import ArgumentParser
import ComfyKitPictures
import Foundation

/// Decodes an output's bytes and encodes it as a thumbnail (as the TUI's runs screen does: a picture, a video's
/// first frame, a sound's waveform): the time of each repetition; with `--cache`, the resident memory with that many
/// thumbnails kept as the TUI keeps them (kitty: sent once to the terminal, here /dev/null, and kept as an id and a
/// size; sixel: its bytes; symbols: the cells).
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
        /// The decoding part of each repetition.
        let decodeSeconds: [Double]
        /// CPU time of each repetition, all threads (chafa draws on a pool): the work, whatever the machine's load.
        let cpuSeconds: [Double]
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
        let terminal = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        var times: [Double] = [], decodeTimes: [Double] = [], cpuTimes: [Double] = []
        var last = Thumbnail.encoded(.symbols([]))
        for index in 0..<repeats {
            let (start, cpu) = (Clocks.monotonicNanoseconds(), Clocks.cpuSeconds())
            let decodedOutput = try OutputDecoder.decode(bytes, fitting: box)
            let decoded = Clocks.monotonicNanoseconds()
            last = thumbnail(decodedOutput, encoder: encoder, imageID: UInt32(index + 1), terminal: terminal)
            let end = Clocks.monotonicNanoseconds()
            (times, decodeTimes, cpuTimes) = (times + [Double(end - start) / 1e9], decodeTimes + [Double(decoded - start) / 1e9],
                                              cpuTimes + [Clocks.cpuSeconds() - cpu])
        }
        let before = Clocks.currentRSSBytes()
        var kept: [Thumbnail] = []
        for index in 0..<cache {
            let decodedOutput = try OutputDecoder.decode(bytes, fitting: box)
            kept.append(thumbnail(decodedOutput, encoder: encoder, imageID: UInt32(repeats + index + 1), terminal: terminal))
        }
        let with = Clocks.currentRSSBytes()
        try emit(Output(seconds: times, decodeSeconds: decodeTimes, cpuSeconds: cpuTimes, bytes: last.size, cells: last.cells, rssBeforeCache: before, rssWithCache: with, cached: kept.count))
    }

    /// A thumbnail as the TUI's cache keeps it.
    enum Thumbnail {
        case kitty(KittyImage)
        case encoded(EncodedPicture)

        /// Bytes sent (kitty, sixel) or cells (symbols).
        var size: Int {
            switch self {
            case .kitty(let image): image.transmittedBytes
            case .encoded(.graphics(let bytes, _, _)): bytes.count
            case .encoded(.symbols(let cells)): cells.count * (cells.first?.count ?? 0)
            }
        }

        var cells: [Int] {
            switch self {
            case .kitty(let image): [image.columns, image.rows]
            case .encoded(let picture): [picture.columns, picture.rows]
            }
        }
    }

    /// kitty: sent to the terminal once (written to `terminal`) and kept as its id; the others encoded and kept; a
    /// sound as its waveform's symbols.
    private func thumbnail(_ decoded: DecodedOutput, encoder: PictureEncoder, imageID: UInt32, terminal: FileHandle) -> Thumbnail {
        switch decoded {
        case .picture(let image), .videoFrame(let image, _):
            if let (kitty, transmission) = encoder.kittyTransmission(image, columns: columns, rows: rows, imageID: imageID) {
                terminal.write(Data(transmission))
                return .kitty(kitty)
            }
            return .encoded(encoder.encode(image, columns: columns, rows: rows))
        case .sound(let peaks, _):
            return .encoded(.symbols(WaveformDrawing(peaks).cells(columns: columns, rows: rows - 1, colour: nil)))
        }
    }
}
