import Foundation
import ServerShutdown

/// A started double: where to reach it, what it received, and controls for tests.
public final class RunningDouble: Sendable {
    let context: DoubleContext
    private let server: ServerRun
    private let workerTask: Task<Void, Never>

    /// The bound port.
    public let port: Int

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://\(urlHost):\(port)")! }

    init(context: DoubleContext, port: Int, server: ServerRun, workerTask: Task<Void, Never>) {
        self.context = context
        self.port = port
        self.server = server
        self.workerTask = workerTask
    }

    private var urlHost: String {
        context.configuration.host.contains(":") ? "[\(context.configuration.host)]" : context.configuration.host
    }

    /// `ws://127.0.0.1:<port>/ws?clientId=<clientID>` (no query when `clientID` is nil).
    public func webSocketURL(clientID: String?) -> URL {
        let query = clientID.map { "?clientId=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0) } ?? ""
        return URL(string: "ws://\(urlHost):\(port)/ws\(query)")!
    }

    /// Every HTTP request and WebSocket upgrade received so far, in arrival order.
    public func recordedRequests() async -> [RecordedRequest] { await context.recorder.requests }

    /// Every file received through `/upload/image` or `/upload/mask`.
    public func uploads() async -> [RecordedUpload] { await context.recorder.uploads }

    /// Forgets recorded requests and uploads (files stay).
    public func clearRecordings() async { await context.recorder.clear() }

    /// Cuts every open WebSocket abruptly, as a network failure would.
    public func dropWebSockets() { context.hub.dropAll() }

    /// How many `clientId`s currently have a registered socket.
    public var connectedClientCount: Int { context.hub.connectedCount }

    /// Names of the files in `input/`, `output/` or `temp/` (`sub/name` for subfolders).
    public func files(in folder: String) async -> [String] {
        guard let folder = FileFolder(rawValue: folder) else { return [] }
        return await context.files.paths(in: folder)
    }

    /// Waits until nothing is queued or running, or `timeout` passes; returns whether the queue emptied.
    @discardableResult
    public func waitUntilIdle(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await context.queue.remaining == 0 { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return await context.queue.remaining == 0
    }

    /// Stops the worker, closes every socket and the listener. Safe to call more than once.
    public func shutdown() async {
        workerTask.cancel()
        await context.queue.finishWakeUps()
        context.hub.dropAll()
        await server.stop()
        _ = await workerTask.result
    }
}
