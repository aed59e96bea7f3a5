#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComfyKit
import ComfyKitPictures
import Foundation

/// `run --show`: the run's images drawn in the terminal after the result, with the protocol chosen as the TUI
/// chooses it, fitted to the terminal's width (and height, so one picture fits on a screen).
struct PictureShow {
    let setting: PictureSetting

    /// A picture fetched for drawing: its file name, and its bytes or why there are none.
    struct Fetched {
        let name: String
        let bytes: Result<[UInt8], PictureFailure>
    }

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

    /// The run's images and animations (GIF, WebP: their first frame), fetched with the download path's rules
    /// (credentials to the ComfyUI origin only, streamed to a temporary folder, which is removed).
    static func fetch(_ result: ExecuteResult, kit: ComfyKit) async -> [Fetched] {
        let requests = ((try? DownloadRequest.all(in: result)) ?? []).filter { request in
            request.category == .image || (request.category == .video && ["gif", "webp"].contains(request.url.pathExtension.lowercased()))
        }
        guard !requests.isEmpty else { return [] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comfykit-show-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let files = try await kit.downloader().download(requests, to: folder)
            return files.map { file in
                let bytes = (try? Data(contentsOf: file.fileURL)).map { Result<[UInt8], PictureFailure>.success([UInt8]($0)) }
                return Fetched(name: file.request.fileName, bytes: bytes ?? .failure(PictureFailure(.empty, "could not be read back")))
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
                let image = try PictureDecoder.decode(bytes, fitting: (width: columns * cellSize.width, height: rows * cellSize.height))
                Terminal.output(picture.name)
                FileHandle.standardOutput.write(Data(encoder.printable(image, columns: columns, rows: rows)))
            } catch {
                Terminal.error("\(picture.name): \(error)\n")
            }
        }
    }

    /// stdout's size in cells, less a line for the name and one for the prompt after the picture.
    private static func terminalCells() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 22) }
        return (Int(size.ws_col), max(4, Int(size.ws_row) - 2))
    }
}
