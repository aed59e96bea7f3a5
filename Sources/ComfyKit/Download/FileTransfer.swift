import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Downloads one file: request, stream the body into a part file, check it is whole, move it into place.
/// Whatever goes wrong, the part file is removed before the error is thrown.
///
/// The body is taken on the connection's event loop and written from NIO's thread pool in large batches
/// (``PartFileSink``), not through AsyncHTTPClient's async body sequence, whose buffer of one part makes
/// the event loop and the reading task wait on each other for every part.
struct FileTransfer: Sendable {
    let httpClient: HTTPClient
    let credentials: CredentialScope
    let timeouts: DownloadTimeouts

    func run(
        _ request: DownloadRequest, into folder: String, progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async throws(DownloadError) -> DownloadedFile {
        let name = request.fileName
        let fail = { @Sendable (problem: DownloadProblem) in DownloadError.transfer(file: name, url: request.url.redactedForDisplay, problem: problem) }
        let httpRequest = try makeRequest(request, fail: fail)

        let sink = PartFileSink { received, total in
            progress(DownloadProgress(request: request, receivedBytes: received, totalBytes: total))
        }
        let eventLoop = httpClient.eventLoopGroup.any()
        let task = httpClient.execute(request: httpRequest, delegate: sink, eventLoop: .delegateAndChannel(on: eventLoop))
        task.futureResult.whenFailure { sink.requestFailed($0) }
        let timeouts = timeouts
        let watchdog = Task {
            guard (try? await sink.waitForTimeout(response: timeouts.response, idle: timeouts.idle)) != nil else { return }
            task.cancel()
        }
        defer { watchdog.cancel() }
        let transfer = Transfer(request: request, folder: folder, sink: sink, task: task, watchdog: watchdog, timeouts: timeouts,
                                fail: fail, progress: progress)
        let outcome = await withTaskCancellationHandler {
            do throws(DownloadError) {
                return Result<DownloadedFile, DownloadError>.success(try await transfer.receive())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            task.cancel()
        }
        return try outcome.get()
    }

    /// One request in flight: its head, its part file, its end.
    private struct Transfer: Sendable {
        let request: DownloadRequest
        let folder: String
        let sink: PartFileSink
        let task: HTTPClient.Task<Void>
        let watchdog: Task<Void, Never>
        let timeouts: DownloadTimeouts
        let fail: @Sendable (DownloadProblem) -> DownloadError
        let progress: @Sendable (DownloadProgress) -> Void

        func receive() async throws(DownloadError) -> DownloadedFile {
            let head: HTTPResponseHead
            do {
                head = try await sink.head()
            } catch {
                throw mapped(error, headReceived: false)
            }
            guard head.status == .ok else {
                await abandon()
                throw fail(.httpStatus(code: Int(head.status.code), reason: head.status.reasonPhrase))
            }
            let total = FileTransfer.announcedLength(head.headers)
            progress(DownloadProgress(request: request, receivedBytes: 0, totalBytes: total))

            let part: PartFile
            do {
                part = try await PartFile.create(in: folder, for: request.fileName)
            } catch {
                await abandon()
                throw mapped(error, headReceived: true)
            }
            let received: Int64
            do {
                sink.open(part, totalBytes: total)
                try await task.futureResult.get()
                watchdog.cancel()
                try await sink.writesFinished()
                received = sink.receivedBytes
                if let total, received != total { throw fail(.incomplete(expectedBytes: total, receivedBytes: received)) }
                try await part.synchronize()
            } catch {
                // No write may still be running on the descriptor when it is closed.
                await abandon()
                part.close()
                part.remove()
                throw mapped(error, headReceived: true)
            }
            part.close()
            do {
                let path = try await part.commit(as: request.fileName)
                return DownloadedFile(request: request, fileURL: URL(fileURLWithPath: path), byteCount: received)
            } catch {
                part.remove()
                throw mapped(error, headReceived: true)
            }
        }

        /// Ends the request and waits for the write in flight, if any.
        private func abandon() async {
            task.cancel()
            await sink.stop()
        }

        private func mapped(_ error: any Error, headReceived: Bool) -> DownloadError {
            FileTransfer.mapped(error, sink: sink, fail: fail, folder: folder, timeouts: timeouts, headReceived: headReceived)
        }
    }

    /// The GET request, with credentials only for the ComfyUI origin.
    private func makeRequest(_ request: DownloadRequest, fail: @Sendable (DownloadProblem) -> DownloadError) throws(DownloadError) -> HTTPClient.Request {
        let scheme = request.url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw fail(.unsupportedScheme(scheme)) }
        var headers = HTTPHeaders()
        credentials.authorize(&headers, for: request.url)
        do {
            return try HTTPClient.Request(url: request.url.absoluteString, method: .GET, headers: headers)
        } catch {
            throw fail(.requestFailed(reason: Self.describe(error)))
        }
    }

    /// `Content-Length`, unless a content coding makes it the size of the encoded body.
    static func announcedLength(_ headers: HTTPHeaders) -> Int64? {
        if let coding = headers.first(name: "Content-Encoding"), coding.lowercased() != "identity" { return nil }
        return headers.first(name: "Content-Length").flatMap { Int64($0.trimmingWhitespace()) }
    }

    /// The typed error for anything thrown while requesting, streaming, creating or moving the file.
    static func mapped(
        _ error: any Error, sink: PartFileSink, fail: (DownloadProblem) -> DownloadError, folder: String,
        timeouts: DownloadTimeouts, headReceived: Bool
    ) -> DownloadError {
        switch sink.timeout {
        case .noResponse?: return fail(.noResponse(within: timeouts.response))
        case .stalled(let bytes)?: return fail(.stalled(afterBytes: bytes, idle: timeouts.idle))
        case nil: break
        }
        if Task.isCancelled { return .cancelled }
        switch error {
        case let error as DownloadError: return error
        case let failure as FileFailure where failure.operation == "create" && failure.isFolderRefusal:
            return .folderUnusable(path: folder, reason: "cannot create files in it (\(failure.reason))")
        case let failure as FileFailure: return fail(.writeFailed(path: failure.path, reason: failure.reason))
        case is NoFreeName: return fail(.noFreeName(folder: folder))
        case is CancellationError: return .cancelled
        default:
            guard headReceived else { return fail(.requestFailed(reason: describe(error))) }
            return fail(.connectionLost(afterBytes: sink.receivedBytes, reason: describe(error)))
        }
    }

    /// A short reason for a network error; AsyncHTTPClient's own names read as code, not prose.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? HTTPClientError else { return String(describing: error) }
        switch error {
        case .remoteConnectionClosed: return "the server closed the connection"
        case .readTimeout: return "read timeout"
        case .connectTimeout: return "connection timeout"
        case .cancelled: return "cancelled"
        default: return String(describing: error)
        }
    }
}
