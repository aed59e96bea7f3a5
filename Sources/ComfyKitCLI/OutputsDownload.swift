import ComfyKit
import Foundation

/// Downloading a run's outputs from the command line: byte progress on stderr, saved paths on stdout.
enum OutputsDownload {
    /// Downloads the outputs into `folder`; the saved files' paths.
    @discardableResult
    static func run(_ result: ExecuteResult, kit: ComfyKit, to folder: String) async throws -> [String] {
        let live = Terminal.stderrIsTerminal
        let files: [DownloadedFile]
        do {
            files = try await kit.download(result, to: URL(fileURLWithPath: folder)) { progress in
                guard live else { return }
                let total = progress.totalBytes.map { " of \(bytes($0))" } ?? ""
                Terminal.error("\r\u{1B}[Kdownloading \(progress.request.fileName): \(bytes(progress.receivedBytes))\(total)")
            }
        } catch {
            if live { Terminal.error("\r\u{1B}[K") }
            throw CLIFailure("download failed: \(error)")
        }
        if live { Terminal.error("\r\u{1B}[K") }
        for file in files { Terminal.output("saved \(file.fileURL.path) (\(bytes(file.byteCount)))") }
        return files.map(\.fileURL.path)
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
