import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Follows a created task to its end by polling `outputs` every ``RunningHubTiming/pollInterval``,
/// with the `netWssUrl` socket, when there is one, as a progress hint.
///
/// Network errors while polling are waited out (up to ``RunningHubTiming/unreachableLimit``), unknown
/// states are waited on rather than re-polled at once (the Python ComfyKit spun on them), and a configured timeout
/// cancels the task and ends the run with status `timeout`.
struct RunningHubFollower {
    let client: RunningHubClient
    let taskID: String
    let workflow: Workflow
    let spec: WorkflowSpec
    let timeout: Duration?
    let httpClient: HTTPClient
    let logger: Logger
    let emit: @Sendable (RunEvent) -> Void

    private var frames: ProgressFrames
    private var queuedReported = false
    private var socket: Task<Void, Never>?
    private var unknownInARow = 0
    private var failingSince: ContinuousClock.Instant?
    private let createdAt = ContinuousClock.now

    init(client: RunningHubClient, taskID: String, workflow: Workflow, spec: WorkflowSpec, timeout: Duration?, httpClient: HTTPClient, logger: Logger, emit: @escaping @Sendable (RunEvent) -> Void) {
        self.client = client
        self.taskID = taskID
        self.workflow = workflow
        self.spec = spec
        self.timeout = timeout
        self.httpClient = httpClient
        self.logger = logger
        self.emit = emit
        frames = ProgressFrames(workflow: workflow, emit: emit)
    }

    private enum Wake: Sendable {
        case poll
        case cancel
        case deadline
        case socket(ServerMessage)
        case socketEnded
    }

    mutating func follow(_ task: CreatedTask, control: RunControl) async -> RunOutcome {
        let (wakes, wake) = AsyncStream.makeStream(of: Wake.self)
        let interval = client.timing.pollInterval
        let deadline = timeout.map { limit in
            Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { wake.yield(.deadline) }
            }
        }
        await control.onCancel { wake.yield(.cancel) }
        var nextPoll: Task<Void, Never>?
        defer {
            nextPoll?.cancel()
            deadline?.cancel()
            socket?.cancel()
            wake.finish()
        }
        switch task.taskStatus.uppercased() {
        case "QUEUED": reportQueued()
        case "RUNNING": markStarted(progressURL: task.progressURL, wake: wake)
        default: break
        }
        wake.yield(.poll)

        for await item in wakes {
            switch item {
            case .poll:
                if let outcome = await poll(wake: wake) { return outcome }
                nextPoll?.cancel()
                nextPoll = Task {
                    try? await Task.sleep(for: interval)
                    if !Task.isCancelled { wake.yield(.poll) }
                }
            case .cancel:
                try? await client.cancel(taskID)
                return .failed(.interrupted(node: nil), promptID: taskID, duration: elapsed)
            case .deadline:
                try? await client.cancel(taskID)
                return .failed(.runningHub(.timedOut(taskID: taskID, after: timeout ?? .zero)), promptID: taskID, duration: elapsed)
            case .socket(let message):
                if frames.apply(message) == .ended {
                    // The socket says it ended: look now rather than at the next tick.
                    if let outcome = await poll(wake: wake) { return outcome }
                }
            case .socketEnded:
                socket = nil
            }
        }
        return .failed(.interrupted(node: nil), promptID: taskID, duration: elapsed)
    }

    private var elapsed: Double { createdAt.secondsElapsed }

    // MARK: Polling

    /// One look at the task; the outcome once it has ended.
    private mutating func poll(wake: AsyncStream<Wake>.Continuation) async -> RunOutcome? {
        let state: RunningHubTaskState
        do {
            state = try await client.taskState(taskID)
            failingSince = nil
        } catch {
            switch error {
            case .unreachable, .http:
                // The client already retried; keep polling until the server has been away too long.
                let since = failingSince ?? .now
                failingSince = since
                logger.debug("RunningHub poll failed", metadata: ["task": "\(taskID)", "reason": "\(error)"])
                if ContinuousClock.now - since >= client.timing.unreachableLimit {
                    return .failed(.runningHub(error), promptID: taskID, duration: elapsed)
                }
                return nil
            default:
                return .failed(.runningHub(error), promptID: taskID, duration: elapsed)
            }
        }
        if case .unknown = state {} else { unknownInARow = 0 }
        switch state {
        case .queued:
            reportQueued()
        case .running(let url):
            markStarted(progressURL: url, wake: wake)
        case .succeeded(let outputs):
            return await finish(outputs)
        case .failed(let failure):
            return RunOutcome(result: ExecuteResult(status: .error, promptID: taskID, duration: elapsed, msg: failure.description), failure: .execution(failure))
        case .unknown(let what):
            unknownInARow += 1
            logger.debug("RunningHub task state unknown", metadata: ["task": "\(taskID)", "answer": "\(what)"])
            if unknownInARow >= client.timing.unknownStateLimit {
                return .failed(.runningHub(.unknownState(taskID: taskID, last: what, polls: unknownInARow)), promptID: taskID, duration: elapsed)
            }
        }
        return nil
    }

    private mutating func reportQueued() {
        guard !queuedReported, !frames.started else { return }
        queuedReported = true
        // RunningHub gives no position.
        emit(.queued(position: 0))
    }

    private mutating func markStarted(progressURL: RunningHubSocketURL?, wake: AsyncStream<Wake>.Continuation) {
        frames.markStarted()
        if socket == nil, let progressURL {
            socket = RunningHubProgressSocket.open(progressURL.url, onMessage: { wake.yield(.socket($0)) }, onEnd: { wake.yield(.socketEnded) })
        }
    }

    private mutating func finish(_ outputs: [RunningHubOutput]) async -> RunOutcome {
        var texts: [Int: String] = [:]
        for output in outputs where output.isText {
            if let text = await fetchText(output.url) { texts[output.index] = text }
        }
        let raw: JSONValue = .array(outputs.map { output in
            var item: JSONObject = ["fileUrl": .string(output.url.absoluteString), "fileType": .string(output.fileType)]
            if let node = output.nodeID { item["nodeId"] = .string(node) }
            return .object(item)
        })
        frames.complete()
        let result = RunningHubResultBuilder(outputNames: spec.outputNames).result(outputs, raw: raw, texts: texts, taskID: taskID, duration: elapsed)
        return RunOutcome(result: result)
    }

    /// A text output's content, fetched without the API key (the file sits on a CDN, not on the API site).
    private func fetchText(_ url: URL) async -> String? {
        do {
            let response = try await httpClient.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(30))
            guard response.status == .ok else { return nil }
            let bytes = try await response.body.collect(upTo: 4 << 20)
            return String(buffer: bytes).trimmingWhitespace()
        } catch {
            logger.debug("RunningHub text output not fetched", metadata: ["url": "\(url.redactedForDisplay)"])
            return nil
        }
    }
}
