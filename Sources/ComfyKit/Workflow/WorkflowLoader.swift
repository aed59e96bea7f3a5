import AsyncHTTPClient
import Foundation
import NIOCore

/// Loads workflow documents from files, URLs and memory (URLs need the HTTP client, so this lives above the core).
public struct WorkflowLoader: Sendable {
    /// The largest workflow accepted from a file or URL (ComfyUI graphs are kilobytes to a few megabytes).
    public var maxBytes: Int
    /// How long a URL download may take in all.
    public var downloadTimeout: Duration
    private let httpClient: HTTPClient

    /// A loader that refuses documents over `maxBytes` and URL downloads over `downloadTimeout` (default 30 s).
    public init(maxBytes: Int = WorkflowDocument.defaultMaxBytes, downloadTimeout: Duration = .seconds(30), httpClient: HTTPClient = .comfyKit) {
        self.maxBytes = maxBytes
        self.downloadTimeout = downloadTimeout
        self.httpClient = httpClient
    }

    /// Loads a document. A RunningHub id is returned as a stub; fetching the cloud graph is the RunningHub client's job.
    public func load(_ source: WorkflowSource) async throws(WorkflowError) -> WorkflowDocument {
        switch source {
        case .file(let path): return try loadFile(path)
        case .url(let url): return try await download(url)
        case .json(let value, let name): return try WorkflowDocument.from(value, source: name, name: name)
        case .runningHub(let id): return .runningHub(id, name: source.displayName)
        }
    }

    /// Reads and parses a local file.
    public func loadFile(_ path: String) throws(WorkflowError) -> WorkflowDocument {
        try WorkflowDocument.read(file: path, maxBytes: maxBytes)
    }

    /// Downloads a workflow without sending any credential: the URL's host is not our ComfyUI server.
    public func download(_ url: URL) async throws(WorkflowError) -> WorkflowDocument {
        let shown = url.redactedForDisplay
        let bytes: ByteBuffer
        do {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .GET
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await httpClient.execute(request, timeout: .init(downloadTimeout))
            guard response.status == .ok else {
                throw WorkflowError.download(url: shown, problem: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
                throw WorkflowError.download(url: shown, problem: "the file is \(length) bytes, over the \(maxBytes)-byte limit")
            }
            bytes = try await response.body.collect(upTo: maxBytes)
        } catch let error as WorkflowError {
            throw error
        } catch is NIOTooManyBytesError {
            throw .download(url: shown, problem: "the file is over the \(maxBytes)-byte limit")
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .download(url: shown, problem: "no complete answer within \(downloadTimeout)")
        } catch {
            throw .download(url: shown, problem: String(describing: error))
        }
        return try WorkflowDocument.parse(bytes.readableBytesView, source: shown, name: WorkflowSource.url(url).displayName)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
