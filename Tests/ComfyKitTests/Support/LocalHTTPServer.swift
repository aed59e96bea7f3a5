import Foundation
import Hummingbird
import Logging
import NIOCore

/// Runs a Hummingbird router on 127.0.0.1 (an ephemeral port) for the duration of `body`.
enum LocalHTTPServer {
    static func with(_ router: Router<BasicRequestContext>, _ body: @Sendable (URL) async throws -> Void) async throws {
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
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            defer { group.cancelAll() }
            try await body(URL(string: "http://127.0.0.1:\(port)")!)
        }
    }
}
