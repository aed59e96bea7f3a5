import ComfyKit
import Foundation
import Logging
import Synchronization

/// Downloads a run's chosen output files into the download folder, one request per file so that each file's
/// saved path (or failure) is reported as soon as it is known, with byte progress in between.
enum OutputDownloads {
    /// Files fetched at once.
    static let concurrency = 4

    static func start(runID: Int, urls: [String], kit: ComfyKit, folder: URL, inbox: Inbox, logger: Logger) {
        Task.detached {
            let downloader: OutputDownloader
            do {
                downloader = try await kit.downloader(maxConcurrentDownloads: 1)
            } catch {
                logger.error("download: no downloader", metadata: ["run": "\(runID)", "error": "\(error)"])
                for url in urls { inbox.post(.fileFailed(runID: runID, url: url, reason: "\(error)")) }
                inbox.post(.downloadFailed(runID: runID, reason: "\(error)"))
                return
            }
            let saved = await withTaskGroup(of: String?.self, returning: [String].self) { group in
                var paths: [String] = []
                for (index, url) in urls.enumerated() {
                    if index >= concurrency, let done = await group.next(), let path = done { paths.append(path) }
                    group.addTask { await fetch(url, runID: runID, downloader: downloader, folder: folder, inbox: inbox, logger: logger) }
                }
                for await case let path? in group { paths.append(path) }
                return paths
            }
            if saved.count == urls.count {
                inbox.post(.downloaded(runID: runID, paths: saved))
            } else {
                inbox.post(.downloadFailed(runID: runID, reason: "\(urls.count - saved.count) of \(urls.count) file(s) failed"))
            }
        }
    }

    /// One file: progress as it arrives, then its path; `nil` when it failed (reported to the inbox).
    private static func fetch(
        _ url: String, runID: Int, downloader: OutputDownloader, folder: URL, inbox: Inbox, logger: Logger
    ) async -> String? {
        guard let parsed = URL(string: url) else {
            inbox.post(.fileFailed(runID: runID, url: url, reason: "not a URL"))
            return nil
        }
        let gate = ProgressGate()
        do {
            let file = try await downloader.download(DownloadRequest(url: parsed), to: folder) { progress in
                guard gate.shouldReport(progress) else { return }
                inbox.post(.downloadProgress(runID: runID, url: url, received: progress.receivedBytes, total: progress.totalBytes))
            }
            logger.info("download saved", metadata: ["run": "\(runID)", "path": "\(file.fileURL.path)", "bytes": "\(file.byteCount)"])
            inbox.post(.fileSaved(runID: runID, url: url, path: file.fileURL.path))
            return file.fileURL.path
        } catch {
            logger.warning("download failed", metadata: ["run": "\(runID)", "error": "\(error)"])
            inbox.post(.fileFailed(runID: runID, url: url, reason: "\(error)"))
            return nil
        }
    }
}

/// Lets through one progress report per whole percent (per 256 KB when the size is unknown): the downloader
/// reports every chunk, the screen needs far fewer.
final class ProgressGate: Sendable {
    private let last = Mutex<Int64>(-1)

    func shouldReport(_ progress: DownloadProgress) -> Bool {
        let mark: Int64 = if let fraction = progress.fractionCompleted { Int64(fraction * 100) } else { progress.receivedBytes / 262_144 }
        return last.withLock { last in
            guard mark != last else { return false }
            last = mark
            return true
        }
    }
}
