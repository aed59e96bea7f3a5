#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComfyKit
import ComfyKitPictures
import Foundation

/// `run --show`: the run's images drawn in the terminal after the result, with the protocol chosen as the TUI
/// chooses it, fitted to the terminal's width (and height, so one picture fits on a screen); a video by its first
/// frame, a sound as a waveform of symbols with its length, rate and channels.
struct PictureShow {
    let setting: PictureSetting

    /// An output fetched for drawing: its file name, what it should hold, and its bytes or why there are none.
    struct Fetched {
        let name: String
        let expected: ExpectedMedia
        let bytes: Result<[UInt8], PictureFailure>
    }

    /// The rows a sound's waveform takes (it reads as a waveform at any width; taller says nothing more).
    static let waveformRows = 6

    /// Pictures are drawn only on a terminal, and never between NDJSON lines; says why not on stderr (once).
    static func canDraw(json: Bool) -> Bool {
        if json {
            Terminal.error("--show draws nothing with --json: stdout is NDJSON\n")
            return false
        }
        guard isatty(STDOUT_FILENO) == 1 else {
            Terminal.error("--show draws nothing: stdout is not a terminal\n")
            return false
        }
        return true
    }

    /// The run's images, videos and sounds, fetched with the download path's rules (credentials to the ComfyUI
    /// origin only, streamed to a temporary folder, which is removed).
    static func fetch(_ result: ExecuteResult, kit: ComfyKit) async -> [Fetched] {
        let requests = (try? DownloadRequest.all(in: result)) ?? []
        guard !requests.isEmpty else { return [] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-show-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let files = try await kit.downloader().download(requests, to: folder)
            return files.map { file in
                let bytes = (try? Data(contentsOf: file.fileURL)).map { Result<[UInt8], PictureFailure>.success([UInt8]($0)) }
                let expected: ExpectedMedia = switch file.request.category {
                case .video?: .video
                case .audio?: .sound
                default: .picture
                }
                return Fetched(name: file.request.fileName, expected: expected,
                               bytes: bytes ?? .failure(PictureFailure(.empty, "could not be read back")))
            }
        } catch {
            Terminal.error("--show: the images could not be fetched: \(error)\n")
            return []
        }
    }

    /// Draws each picture under its name; one that cannot be drawn gets its reason instead.
    func draw(_ pictures: [Fetched]) {
        guard !pictures.isEmpty else { return }
        let (choice, cellSize) = PictureChoice.forThisTerminal(setting)
        guard choice.picture != .off else { return }
        let encoder = PictureEncoder(choice: choice, cellSize: cellSize)
        let (columns, rows) = Self.terminalCells()
        for picture in pictures {
            do {
                let bytes = try picture.bytes.get()
                switch try OutputDecoder.decode(bytes, fitting: (width: columns * cellSize.width, height: rows * cellSize.height), expecting: picture.expected) {
                case .picture(let image):
                    Terminal.output(picture.name)
                    Self.write(encoder.printable(image, columns: columns, rows: rows))
                case .videoFrame(let image, _):
                    Terminal.output(picture.name + "  ▶ video, its first frame")
                    Self.write(encoder.printable(image, columns: columns, rows: rows))
                case .sound(let peaks, _):
                    Terminal.output(picture.name)
                    Terminal.output(Self.waveform(peaks, columns: columns, monochrome: choice.monochrome))
                }
            } catch {
                Terminal.error("\(picture.name): \(error)\n")
            }
        }
    }

    /// A drawn picture's bytes, ended with a newline (chafa's symbol art ends on its last row), so the next output's
    /// name starts a line of its own.
    private static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes.last == UInt8(ascii: "\n") || bytes.isEmpty ? bytes : bytes + [UInt8(ascii: "\n")]))
    }

    /// A sound's waveform as lines of braille in cyan (plain under `NO_COLOR`), its caption under it.
    static func waveform(_ peaks: AudioPeaks, columns: Int, monochrome: Bool) -> String {
        let (start, end) = monochrome ? ("", "") : ("\u{1B}[36m", "\u{1B}[0m")
        let lines = WaveformDrawing(peaks).lines(columns: columns, rows: waveformRows).map { start + $0 + end }
        return (lines + [peaks.caption]).joined(separator: "\n")
    }

    /// stdout's size in cells, less a line for the name and one for the prompt after the picture.
    private static func terminalCells() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 22) }
        return (Int(size.ws_col), max(4, Int(size.ws_row) - 2))
    }
}
