import ComfyKit
import Synchronization

/// One probe of a server (or RunningHub) for the header: its answer, or "not answering" once ``answerTimeout`` passes
/// without one (a server that accepts connections and never replies would otherwise read as idle for the
/// HTTP client's whole timeout).
enum ServerProbe {
    static let answerTimeout = Duration.seconds(4)

    /// Starts the probe; `report` is called exactly once, with whichever comes first.
    static func start(kit: ComfyKit, report: @escaping @Sendable (ServerStatus) -> Void) {
        start(asking: {
            let queue = try await kit.client.queue()
            return .connected(queue: queue.running.count + queue.pending.count)
        }, report: report)
    }

    /// Probes RunningHub, when runs are routed there too: the key's tasks running and queued.
    static func start(runningHub: RunningHubClient, report: @escaping @Sendable (ServerStatus) -> Void) {
        start(asking: {
            let status = try await runningHub.queueStatus()
            return .tasks(running: status.runningCount, queued: status.queuedCount)
        }, report: report)
    }

    private static func start(asking: @escaping @Sendable () async throws -> ServerStatus, report: @escaping @Sendable (ServerStatus) -> Void) {
        let reported = Mutex(false)
        let once: @Sendable (ServerStatus) -> Void = { status in
            let first = reported.withLock { done in
                defer { done = true }
                return !done
            }
            if first { report(status) }
        }
        let request = Task.detached {
            do {
                once(try await asking())
            } catch {
                once(.unreachable(error))
            }
        }
        Task.detached {
            try? await Task.sleep(for: answerTimeout)
            once(.unreachable(reason: "not answering (nothing in \(answerTimeout.components.seconds) s)"))
            request.cancel()
        }
    }
}
