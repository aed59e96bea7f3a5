import AsyncHTTPClient
import Foundation
import NIOCore

/// Downloads one file: request, stream the body into a part file, check it is whole, move it into place.
/// Whatever goes wrong, the part file is removed before the error is thrown.
struct FileTransfer: Sendable {
    let httpClient: HTTPClient
    let credentials: CredentialScope
    let timeouts: DownloadTimeouts

    /// Bytes gathered before one write; bounds memory per transfer while keeping thread-pool hops few.
    static let writeChunkBytes = 256 << 10

    func run(
        _ request: DownloadRequest, into folder: String, progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async throws(DownloadError) -> DownloadedFile {
        let name = request.fileName
        let fail = { (problem: DownloadProblem) in DownloadError.transfer(file: name, url: request.url.redactedForDisplay, problem: problem) }

        let response = try await responseHead(for: request, fail: fail)
        let total = Self.announcedLength(response)
        progress(DownloadProgress(request: request, receivedBytes: 0, totalBytes: total))

        let part: PartFile
        do {
            part = try await PartFile.create(in: folder, for: name)
        } catch {
            throw Self.mapped(error, fail: fail, folder: folder, idle: timeouts.idle)
        }
        let received: Int64
        do {
            received = try await stream(response.body, into: part) { bytes in
                progress(DownloadProgress(request: request, receivedBytes: bytes, totalBytes: total))
            }
            if let total, received != total { throw fail(.incomplete(expectedBytes: total, receivedBytes: received)) }
            try await part.synchronize()
        } catch {
            part.close()
            part.remove()
            throw Self.mapped(error, fail: fail, folder: folder, idle: timeouts.idle)
        }
        part.close()
        do {
            let path = try await part.commit(as: name)
            return DownloadedFile(request: request, fileURL: URL(fileURLWithPath: path), byteCount: received)
        } catch {
            part.remove()
            throw Self.mapped(error, fail: fail, folder: folder, idle: timeouts.idle)
        }
    }

    /// Sends the request (with credentials only for the ComfyUI origin) and waits for a 200 OK head.
    private func responseHead(
        for request: DownloadRequest, fail: (DownloadProblem) -> DownloadError
    ) async throws(DownloadError) -> HTTPClientResponse {
        let scheme = request.url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw fail(.unsupportedScheme(scheme)) }
        var httpRequest = HTTPClientRequest(url: request.url.absoluteString)
        credentials.authorize(&httpRequest, for: request.url)
        let response: HTTPClientResponse
        do {
            // The timeout covers the head only: AsyncHTTPClient cancels its deadline once the head is in.
            response = try await httpClient.execute(httpRequest, timeout: TimeAmount(timeouts.response))
        } catch {
            if Task.isCancelled { throw .cancelled }
            if let error = error as? HTTPClientError, error == .deadlineExceeded { throw fail(.noResponse(within: timeouts.response)) }
            throw fail(.requestFailed(reason: Self.describe(error)))
        }
        guard response.status == .ok else {
            throw fail(.httpStatus(code: Int(response.status.code), reason: response.status.reasonPhrase))
        }
        return response
    }

    /// Copies the body into `part` while a watchdog fails the transfer if the server falls silent.
    private func stream(
        _ body: HTTPClientResponse.Body, into part: PartFile, report: @escaping @Sendable (Int64) -> Void
    ) async throws -> Int64 {
        let watch = TransferWatch()
        let idle = timeouts.idle
        return try await withThrowingTaskGroup(of: Int64.self) { group in
            group.addTask { try await Self.copy(body, into: part, watch: watch, report: report) }
            group.addTask { throw Stalled(afterBytes: try await watch.waitForStall(idle: idle)) }
            defer { group.cancelAll() }
            guard let received = try await group.next() else { throw CancellationError() }
            return received
        }
    }

    private static func copy(
        _ body: HTTPClientResponse.Body, into part: PartFile, watch: TransferWatch, report: @Sendable (Int64) -> Void
    ) async throws -> Int64 {
        var received: Int64 = 0
        var pending = ByteBufferAllocator().buffer(capacity: writeChunkBytes)
        do {
            for try await chunk in body {
                received += Int64(chunk.readableBytes)
                await watch.record(received)
                report(received)
                pending.writeImmutableBuffer(chunk)
                if pending.readableBytes >= writeChunkBytes {
                    try await part.append(pending)
                    pending.clear()
                    await watch.record(received)
                }
            }
        } catch let error as FileFailure {
            throw error
        } catch {
            // A cancelled body may also end early without an error; both are caught by the check below.
            if Task.isCancelled { throw CancellationError() }
            throw LostConnection(afterBytes: received, reason: describe(error))
        }
        try Task.checkCancellation()
        if pending.readableBytes > 0 { try await part.append(pending) }
        return received
    }

    /// `Content-Length`, unless a content coding makes it the size of the encoded body.
    static func announcedLength(_ response: HTTPClientResponse) -> Int64? {
        if let coding = response.headers.first(name: "Content-Encoding"), coding.lowercased() != "identity" { return nil }
        return response.headers.first(name: "Content-Length").flatMap { Int64($0.trimmingWhitespace()) }
    }

    /// The typed error for anything thrown while streaming, creating or moving the file.
    private static func mapped(
        _ error: any Error, fail: (DownloadProblem) -> DownloadError, folder: String, idle: Duration
    ) -> DownloadError {
        if Task.isCancelled { return .cancelled }
        switch error {
        case let error as DownloadError: return error
        case let stall as Stalled: return fail(.stalled(afterBytes: stall.afterBytes, idle: idle))
        case let lost as LostConnection: return fail(.connectionLost(afterBytes: lost.afterBytes, reason: lost.reason))
        case let failure as FileFailure where failure.operation == "create" && failure.isFolderRefusal:
            return .folderUnusable(path: folder, reason: "cannot create files in it (\(failure.reason))")
        case let failure as FileFailure: return fail(.writeFailed(path: failure.path, reason: failure.reason))
        case is NoFreeName: return fail(.noFreeName(folder: folder))
        case is CancellationError: return .cancelled
        default: return fail(.requestFailed(reason: describe(error)))
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

/// The body stopped arriving for the idle timeout.
private struct Stalled: Error {
    let afterBytes: Int64
}

/// The body failed mid-stream.
private struct LostConnection: Error {
    let afterBytes: Int64
    let reason: String
}
