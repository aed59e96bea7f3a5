import Foundation
import Hummingbird
import Logging
import ServerShutdown

/// Serves `router` on 127.0.0.1 (an ephemeral port) for the duration of `body`, which gets the base URL.
///
/// ```swift
/// let router = Router()
/// router.get("cookies") { _, _ in "session=abc" }
/// try await withLocalHTTPServer(router) { base in
///     // fetch base.appendingPathComponent("cookies")
/// }
/// ```
public func withLocalHTTPServer<Result: Sendable>(
    _ router: Router<BasicRequestContext>,
    _ body: @Sendable (URL) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "test-server")
    logger.logLevel = .critical
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        },
        logger: logger
    )
    let server = ServerRun(app, logger: logger, onEnd: { continuation.finish() })
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        await server.stop()
        throw HarnessFailure("the local HTTP server did not start on 127.0.0.1")
    }
    do {
        let result = try await body(URL(string: "http://127.0.0.1:\(port)")!)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
