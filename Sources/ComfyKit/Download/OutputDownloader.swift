import AsyncHTTPClient
import Foundation

/// Downloads run outputs to a folder: streamed to disk with byte progress, written to a hidden part file
/// and moved into place only when complete, never overwriting (`cat.png` exists → `cat (1).png`).
///
/// The ComfyUI API key (`Authorization: Bearer`) and cookies go only to URLs on `credentialsOrigin`;
/// outputs on a CDN or any other host are fetched without them.
///
/// ```swift
/// let downloader = OutputDownloader(credentialsOrigin: config.comfyUIBaseURL, apiKey: config.comfyUIAPIKey)
/// let files = try await downloader.download(result, to: URL(fileURLWithPath: "out")) { progress in
///     print(progress.request.fileName, progress.receivedBytes, progress.totalBytes ?? -1)
/// }
/// ```
public struct OutputDownloader: Sendable {
    /// How long a transfer may wait for the head and between body chunks.
    public var timeouts: DownloadTimeouts
    /// How many files download at once.
    public var maxConcurrentDownloads: Int
    private let httpClient: HTTPClient
    private let credentials: CredentialScope

    /// A downloader that sends the ComfyUI credentials to `credentialsOrigin` and nowhere else.
    ///
    /// - Parameters:
    ///   - httpClient: the client to download with; the shared `HTTPClient.comfyKit` by default.
    ///   - credentialsOrigin: the ComfyUI server; its scheme, host and port decide where credentials go
    ///     (`nil`: nowhere).
    ///   - apiKey: sent as `Authorization: Bearer …` to that origin.
    ///   - cookieHeader: a `Cookie` header value (``CookiePair/header(_:)``) for that origin.
    ///   - timeouts: how long to wait for the response head and between body chunks (30 s and 60 s by default).
    ///   - maxConcurrentDownloads: how many files download at once (default 4; less than 1 counts as 1).
    public init(
        httpClient: HTTPClient = .comfyKit, credentialsOrigin: URL? = nil, apiKey: Secret? = nil,
        cookieHeader: Secret? = nil, timeouts: DownloadTimeouts = DownloadTimeouts(), maxConcurrentDownloads: Int = 4
    ) {
        self.httpClient = httpClient
        self.credentials = CredentialScope(origin: credentialsOrigin, apiKey: apiKey, cookieHeader: cookieHeader)
        self.timeouts = timeouts
        self.maxConcurrentDownloads = max(1, maxConcurrentDownloads)
    }

    /// Downloads every request into `folder` (created if missing), up to ``maxConcurrentDownloads`` at a time,
    /// and returns the files in request order.
    ///
    /// The first failure cancels the other transfers and is thrown; files already complete stay, and no
    /// partial or temporary file is left. Cancelling the task does the same and throws ``DownloadError/cancelled``.
    /// `progress` is called from several tasks at once when files download in parallel.
    public func download(
        _ requests: [DownloadRequest], to folder: URL, layout: DownloadLayout = .flat,
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws(DownloadError) -> [DownloadedFile] {
        let targets = try Self.folders(for: requests, in: folder, layout: layout)
        let transfer = FileTransfer(httpClient: httpClient, credentials: credentials, timeouts: timeouts)
        let limit = maxConcurrentDownloads
        var files = [DownloadedFile?](repeating: nil, count: requests.count)
        do {
            try await withThrowingTaskGroup(of: (Int, DownloadedFile).self) { group in
                for (index, request) in requests.enumerated() {
                    if index >= limit, case let (done, file)? = try await group.next() { files[done] = file }
                    group.addTask { (index, try await transfer.run(request, into: targets[index], progress: progress)) }
                }
                for try await (done, file) in group { files[done] = file }
            }
        } catch let error as DownloadError {
            throw error
        } catch {
            throw .cancelled
        }
        return files.compactMap { $0 }
    }

    /// Downloads one file into `folder`.
    public func download(
        _ request: DownloadRequest, to folder: URL, progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws(DownloadError) -> DownloadedFile {
        let files = try await download([request], to: folder, progress: progress)
        guard let file = files.first else { throw .cancelled }
        return file
    }

    /// Downloads every image, video and audio of a run (``DownloadRequest/all(in:)``).
    public func download(
        _ result: ExecuteResult, to folder: URL, layout: DownloadLayout = .flat,
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws(DownloadError) -> [DownloadedFile] {
        try await download(try DownloadRequest.all(in: result), to: folder, layout: layout, progress: progress)
    }

    /// Downloads URLs, each named from its URL.
    public func download(
        _ urls: [URL], to folder: URL, progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws(DownloadError) -> [DownloadedFile] {
        try await download(DownloadRequest.all(urls), to: folder, progress: progress)
    }

    /// The folder path of each request, created before any transfer starts.
    private static func folders(
        for requests: [DownloadRequest], in folder: URL, layout: DownloadLayout
    ) throws(DownloadError) -> [String] {
        let root = try DestinationFolder.prepare(folder)
        guard layout == .subfolderPerOutput else { return requests.map { _ in root } }
        var prepared: [String: String] = [:]
        var paths: [String] = []
        for request in requests {
            guard let outputName = request.outputName else {
                paths.append(root)
                continue
            }
            let name = SafeFilename.sanitize(outputName)
            if let path = prepared[name] {
                paths.append(path)
            } else {
                let path = try DestinationFolder.prepareSubfolder(name, in: root)
                prepared[name] = path
                paths.append(path)
            }
        }
        return paths
    }
}

// The HTTP client's reflection reaches its connection pool, whose in-flight requests carry other
// downloads' headers; descriptions and dumps show only the settings.
extension OutputDownloader: CustomStringConvertible, CustomReflectable {
    /// The settings and the credentials origin; never the credentials or the HTTP client.
    public var description: String {
        "OutputDownloader(credentialsOrigin: \(credentials.origin?.description ?? "none"), "
            + "maxConcurrentDownloads: \(maxConcurrentDownloads), timeouts: \(timeouts))"
    }

    /// The same settings as ``description``, for `dump`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "credentialsOrigin": credentials.origin?.description ?? "none",
                "maxConcurrentDownloads": maxConcurrentDownloads,
                "timeouts": timeouts,
            ],
            displayStyle: .struct
        )
    }
}
