import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// Takes a download's response on the connection's event loop and writes the body into the part file from
/// NIO's thread pool. Body parts are gathered into batches on the loop and one batch is written while the
/// next is received, so the socket is read without a thread hop per part and the disk sees large writes.
///
/// At most three batches are held (one being written, one waiting for it, one filling); a full batch that
/// finds another already waiting pauses reading until the disk catches up. The head is handed to the
/// caller, which opens the gate with ``open(_:)`` once the part file exists, or ends the task.
final class PartFileSink: HTTPClientResponseDelegate {
    typealias Response = Void

    /// Bytes gathered before one write.
    static let batchBytes = 1 << 20

    /// Why the watchdog ended a transfer.
    enum Timeout: Sendable {
        /// No response head within the response timeout.
        case noResponse
        /// The body fell silent for the idle timeout.
        case stalled(afterBytes: Int64)
    }

    private struct State {
        var head: Result<HTTPResponseHead, any Error>?
        var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var gate: EventLoopPromise<Void>?
        var part: PartFile?
        var totalBytes: Int64?
        var receivedBytes: Int64 = 0
        var scheduledBytes: Int64 = 0
        var pending: ByteBuffer?
        var lastWrite: EventLoopFuture<Void>?
        var lastActivity = ContinuousClock.now
        var timeout: Timeout?
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())
    private let report: @Sendable (_ receivedBytes: Int64, _ totalBytes: Int64?) -> Void

    /// `report` is called on the event loop after every body part: keep it short.
    init(report: @escaping @Sendable (_ receivedBytes: Int64, _ totalBytes: Int64?) -> Void) {
        self.report = report
    }

    // MARK: The caller's side

    /// The final response head (after redirects); throws what failed the request before it.
    func head() async throws -> HTTPResponseHead {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLockedValue { state -> Result<HTTPResponseHead, any Error>? in
                if state.head == nil { state.headWaiter = continuation }
                return state.head
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Lets the body flow into `part`, whose size the head announced as `totalBytes`.
    func open(_ part: PartFile, totalBytes: Int64?) {
        let gate = state.withLockedValue { state -> EventLoopPromise<Void>? in
            state.part = part
            state.totalBytes = totalBytes
            state.lastActivity = .now
            return state.gate
        }
        gate?.succeed(())
    }

    /// Bytes received so far.
    var receivedBytes: Int64 { state.withLockedValue { $0.receivedBytes } }

    /// Completes when every batch handed to the thread pool is written; throws the first write failure.
    /// Call after the task's future has succeeded, when the last batch has been scheduled.
    func writesFinished() async throws {
        try await state.withLockedValue { $0.lastWrite }?.get()
    }

    /// No more writes start; returns once the one in flight (if any) is done, so the descriptor can be closed.
    func stop() async {
        let (last, gate) = state.withLockedValue { state in
            state.stopped = true
            defer { state.gate = nil }
            return (state.lastWrite, state.gate)
        }
        gate?.fail(CancellationError())
        _ = try? await last?.get()
    }

    /// Why the watchdog ended the transfer, if it did.
    var timeout: Timeout? { state.withLockedValue { $0.timeout } }

    /// Waits until the server has been silent too long: no head within `response`, or no body part (nor a
    /// finished write) within `idle`. Returns what to report; the caller then cancels the request.
    func waitForTimeout(response: Duration, idle: Duration) async throws -> Timeout {
        while true {
            let (deadline, timeout) = state.withLockedValue { state -> (ContinuousClock.Instant, Timeout) in
                state.head == nil
                    ? (state.lastActivity + response, .noResponse)
                    : (state.lastActivity + idle, .stalled(afterBytes: state.receivedBytes))
            }
            if deadline <= .now {
                state.withLockedValue { $0.timeout = timeout }
                return timeout
            }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }

    // MARK: AsyncHTTPClient's side (on the event loop)

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let gate = task.eventLoop.makePromise(of: Void.self)
        let waiter = state.withLockedValue { state in
            state.head = .success(head)
            state.gate = gate
            state.lastActivity = .now
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: head)
        return gate.futureResult
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        let step = state.withLockedValue { state -> (received: Int64, total: Int64?, wait: EventLoopFuture<Void>?)? in
            guard !state.stopped, let part = state.part else { return nil }
            state.receivedBytes += Int64(buffer.readableBytes)
            state.lastActivity = now
            if state.pending == nil { state.pending = ByteBufferAllocator().buffer(capacity: Self.batchBytes) }
            state.pending!.writeImmutableBuffer(buffer)
            guard state.pending!.readableBytes >= Self.batchBytes else { return (state.receivedBytes, state.totalBytes, nil) }
            return (state.receivedBytes, state.totalBytes, scheduleWrite(&state, to: part, on: task.eventLoop))
        }
        guard let step else { return task.eventLoop.makeFailedFuture(CancellationError()) }
        report(step.received, step.total)
        return step.wait ?? task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        state.withLockedValue { state in
            guard !state.stopped, let part = state.part, state.pending?.readableBytes ?? 0 > 0 else { return }
            _ = scheduleWrite(&state, to: part, on: task.eventLoop)
        }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        requestFailed(error)
    }

    /// The request failed: a caller waiting for the head gets the error.
    func requestFailed(_ error: any Error) {
        let waiter = state.withLockedValue { state in
            if state.head == nil { state.head = .failure(error) }
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(throwing: error)
    }

    /// Hands the pending batch to the thread pool, after the write before it; returns that earlier write,
    /// so reading goes on while one write runs and waits when a second is queued behind it.
    private func scheduleWrite(_ state: inout State, to part: PartFile, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        guard let batch = state.pending else { return eventLoop.makeSucceededVoidFuture() }
        state.pending = nil
        let offset = state.scheduledBytes
        state.scheduledBytes += Int64(batch.readableBytes)
        let previous = state.lastWrite ?? eventLoop.makeSucceededVoidFuture()
        state.lastWrite = previous.flatMap { [self] in
            NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
                try part.write(batch, at: offset)
                self.state.withLockedValue { $0.lastActivity = .now }
            }
        }
        return previous
    }
}
