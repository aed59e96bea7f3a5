import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServerShutdown

/// A stand-in for a ComfyUI 0.3.64 server, built from recordings of a real one: same routes (also under
/// `/api`), same validation errors, same WebSocket event sequences, with knobs for faults.
///
/// ```swift
/// let double = try await ComfyUIDouble.start()
/// defer { Task { await double.shutdown() } }
/// // point the client at double.baseURL
/// ```
public enum ComfyUIDouble {
    /// Starts a double on `configuration.host`, returning once it accepts connections.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> RunningDouble {
        let document = try await ObjectInfoCache.shared.document(at: configuration.resolvedObjectInfoFile)
        let files = FileStore()
        var inputNames: [String] = []
        for url in configuration.resolvedPreloadedInputs {
            guard let data = try? Data(contentsOf: url) else { continue }
            await files.store(.bytes(Array(data)), at: .input, path: url.lastPathComponent)
            inputNames.append(url.lastPathComponent)
        }
        let catalog = NodeCatalog(objectInfo: document, models: configuration.models, inputFiles: inputNames)
        let timestamps = try configuration.timestampLog.map { try TimestampLog(url: $0) }
        let context = DoubleContext(configuration: configuration, catalog: catalog, files: files, timestamps: timestamps)

        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let webSocket = WebSocketServerConfiguration(maxFrameSize: 64 << 20, autoPing: .disabled, closeTimeout: .seconds(1))
        let app = Application(
            responder: DoubleResponder(context: context),
            server: .http1WebSocketUpgrade(configuration: .init(ws: webSocket)) { head, channel, _ in
                guard let handler = await WebSocketSession.handler(for: head, channel: channel, context: context) else { return .dontUpgrade }
                return .upgrade([:], handler)
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: configuration.logger
        )
        let server = ServerRun(app, logger: configuration.logger, onEnd: { portContinuation.finish() })
        let worker = PromptWorker(context: context)
        let workerTask = Task { await worker.run() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next(), port > 0 else {
            workerTask.cancel()
            await server.stop()
            throw StartError(description: "the double's server did not start on \(configuration.host):\(configuration.port)")
        }
        return RunningDouble(context: context, port: port, server: server, workerTask: workerTask)
    }

    /// The double could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }
}
