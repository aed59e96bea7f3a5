import Foundation

extension ComfyKit {
    /// A downloader that sends this kit's credentials to its ComfyUI origin only.
    public func downloader(maxConcurrentDownloads: Int = 4) async throws -> OutputDownloader {
        OutputDownloader(
            httpClient: httpClient, credentialsOrigin: configuration.comfyUIBaseURL, apiKey: configuration.comfyUIAPIKey,
            cookieHeader: try await client.credentials.cookieHeader(), maxConcurrentDownloads: maxConcurrentDownloads)
    }

    /// Downloads every image, video and audio of a run into `folder`, streamed, never overwriting.
    public func download(
        _ result: ExecuteResult, to folder: URL, layout: DownloadLayout = .flat,
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws -> [DownloadedFile] {
        try await downloader().download(result, to: folder, layout: layout, progress: progress)
    }

    /// Downloads URLs into `folder`.
    public func download(_ urls: [URL], to folder: URL, progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> [DownloadedFile] {
        try await downloader().download(urls, to: folder, progress: progress)
    }

    /// The result of a prompt that already ran, read from `/history` (for `comfykit download <prompt_id>`).
    /// Output names come from the DSL titles of the graph the server stored with it.
    public func result(ofPrompt promptID: String) async throws -> ExecuteResult? {
        guard let entry = try await client.history(promptID: promptID) else { return nil }
        var outputNames: [String: String] = [:]
        if case .object(let graph)? = entry["prompt"]?.arrayValue?.dropFirst(2).first,
            case .workflow(let workflow)? = try? WorkflowDocument.from(.object(graph), source: promptID, name: promptID),
            let spec = try? WorkflowSpec(workflow)
        {
            outputNames = spec.outputNames
        }
        return HistoryEntry(entry).outcome(base: configuration.comfyUIBaseURL, outputNames: outputNames, promptID: promptID, duration: nil).result
    }
}
