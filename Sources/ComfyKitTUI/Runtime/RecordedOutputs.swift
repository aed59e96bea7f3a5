import ComfyKit
import Foundation

/// A recorded run's output files, downloaded again from the server (`d` on the history screen).
enum RecordedOutputs {
    /// Every image, video and audio of `result`, one by one so that one missing file does not cost the others:
    /// the saved paths, and why the others were not saved.
    static func download(_ result: ExecuteResult, kit: ComfyKit, to folder: URL) async -> (paths: [String], failures: [String]) {
        let downloader: OutputDownloader
        do {
            downloader = try await kit.downloader(maxConcurrentDownloads: 1)
        } catch {
            return ([], ["\(error)"])
        }
        var paths: [String] = []
        var failures: [String] = []
        for url in result.images + result.videos + result.audios {
            guard let parsed = URL(string: url) else {
                failures.append("\(url): not a URL")
                continue
            }
            do {
                paths.append(try await downloader.download(DownloadRequest(url: parsed), to: folder).fileURL.path)
            } catch {
                failures.append("\(error)")
            }
        }
        return (paths, failures)
    }
}
