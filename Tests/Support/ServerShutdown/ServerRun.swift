import Logging
import ServiceLifecycle

/// A test server (a Hummingbird `Application`, a `Service`) running in its own `ServiceGroup`, stopped gracefully.
///
/// Cancelling the task that serves a Hummingbird application can trap in swift-nio ("Deinited NIOAsyncWriter without
/// calling finish()") when a connection was accepted but not yet handed to the server (apple/swift-nio#3481). A
/// graceful shutdown closes the listener first, serves or closes what was accepted, and sends WebSocket sessions a
/// close frame. A handler that never returns (a test's `/silent` route) would hold it forever, so after `grace` the
/// group is cancelled as before, with the listener already closed.
///
/// ```swift
/// let server = ServerRun(app, logger: logger)
/// defer { Task { await server.stop() } }
/// ```
public struct ServerRun: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts `service` at once; `onEnd` runs when it has stopped, for whatever reason.
    public init(_ service: some Service, logger: Logger, onEnd: @escaping @Sendable () -> Void = {}) {
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        self.group = group
        self.task = Task {
            defer { onEnd() }
            try await group.run()
        }
    }

    /// Shuts the server down gracefully, cancelling it if it has not ended within `grace`; returns once it has.
    public func stop(grace: Duration = .seconds(2)) async {
        await group.triggerGracefulShutdown()
        let task = self.task
        await withTaskGroup(of: Bool.self) { race in
            race.addTask { _ = await task.result; return true }
            race.addTask { (try? await Task.sleep(for: grace)) == nil }
            // The group waits for both children: a grace that ran out cancels the server so the first one ends too.
            if await race.next() == false { task.cancel() }
            race.cancelAll()
        }
    }

    /// Waits for the server to end by itself (it failed to start, say), without stopping it.
    public var result: Result<Void, any Error> {
        get async { await task.result }
    }
}
