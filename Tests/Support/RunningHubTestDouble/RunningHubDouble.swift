import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServerShutdown

/// A stand-in for RunningHub's v1 API on 127.0.0.1, answering with the documented shapes
/// (as RunningHub's API docs show them) and injecting the faults in ``RunningHubDoubleConfiguration``.
///
/// ```swift
/// var configuration = RunningHubDoubleConfiguration()
/// configuration.workflows["1987"] = graphJSON
/// let double = try await RunningHubDouble.start(configuration)
/// // RUNNINGHUB_BASE_URL = double.baseURL, RUNNINGHUB_API_KEY = "rh-test-key"
/// await double.shutdown()
/// ```
public final class RunningHubDouble: Sendable {
    let state: DoubleState
    private let server: ServerRun
    /// The bound port.
    public let port: Int

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(state: DoubleState, port: Int, server: ServerRun) {
        self.state = state
        self.port = port
        self.server = server
    }

    /// Starts a double, returning once it accepts connections.
    public static func start(_ configuration: RunningHubDoubleConfiguration = RunningHubDoubleConfiguration()) async throws -> RunningHubDouble {
        let state = DoubleState(configuration: configuration)
        let router = Router(context: BasicWebSocketRequestContext.self)
        DoubleRoutes(state: state, configuration: configuration).register(on: router)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: configuration.logger
        )
        let server = ServerRun(app, logger: configuration.logger, onEnd: { continuation.finish() })
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await server.stop()
            throw StartError(description: "the RunningHub double did not start on \(configuration.host):\(configuration.port)")
        }
        return RunningHubDouble(state: state, port: port, server: server)
    }

    /// Every API call and CDN request so far, in arrival order; `path` keeps those to one endpoint.
    public func calls(to path: String? = nil) async -> [RecordedCall] {
        let all = await state.calls
        return path.map { p in all.filter { $0.path == p } } ?? all
    }

    /// Every file received by `/task/openapi/upload`.
    public func uploads() async -> [RecordedUpload] { await state.uploads }

    /// The query string of every `netWssUrl` connection.
    public func socketQueries() async -> [String] { await state.socketQueries }

    /// How many tasks exist (created, whether or not their answer arrived).
    public func taskCount() async -> Int { await state.tasks.count }

    /// The most tasks that were queued or running at once.
    public func mostTasksAtOnce() async -> Int { await state.mostUnfinished }

    /// The graphs `create` was sent whole (its `workflow` field, a JSON string), in the order of the calls.
    public func createdGraphs() async -> [String] {
        await state.calls.filter { $0.path == "/task/openapi/create" }.compactMap { call in
            guard let body = JSONText.object(Array(call.body.utf8)) else { return nil }
            return body["workflow"] as? String
        }
    }

    /// Ids of the tasks that were cancelled.
    public func cancelledTasks() async -> [String] { await state.tasks.filter(\.value.cancelled).map(\.key).sorted() }

    /// Stops the listener: gracefully, then cancelled if a request still runs after a grace period.
    public func shutdown() async {
        await server.stop()
    }

    /// The double could not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }
}
