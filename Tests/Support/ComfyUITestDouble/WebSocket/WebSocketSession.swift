import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `/ws` (and `/api/ws`): registers the client, reads its first `feature_flags` frame, and writes its
/// queued frames, applying the configured WebSocket fault.
enum WebSocketSession {
    /// The upgrade decision for a request: a handler for `/ws`, `nil` for anything else (plain HTTP).
    static func handler(for head: HTTPRequest, channel: any Channel, context: DoubleContext) async -> WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>? {
        let path = head.path ?? "/"
        let incoming = DoubleResponder.incoming(method: "GET", path: path, headers: DoubleResponder.headerList(head), body: [])
        guard incoming.route == "/ws" else { return nil }
        await context.recorder.record(RecordedRequest(method: "GET", path: path, headers: incoming.headers, body: [],
                                                      isWebSocketUpgrade: true, receivedAt: Date()))
        guard !OriginCheck.rejects(host: head.authority, origin: head.headerFields[.origin]) else { return nil }
        let requested = incoming.queryValue("clientId") ?? ""
        let sid = requested.isEmpty ? context.newClientID() : requested
        return { inbound, outbound, _ in
            let connection = context.hub.connect(sid: sid, channel: channel)
            // The writer is not awaited: once the client has sent its close, a write in flight may wait
            // on the closing channel, and the close reply (sent when this handler returns) must not wait
            // for it. aiohttp answers a close at once; clients time out otherwise (websockets: 10 s).
            let writer = Task { await writeFrames(of: connection, to: outbound, hub: context.hub) }
            await readFrames(from: inbound, connection: connection, context: context)
            context.hub.disconnect(connection)
            writer.cancel()
        }
    }

    /// Only the first text frame that parses as JSON counts, and only if it is `feature_flags`.
    private static func readFrames(from inbound: WebSocketInboundStream, connection: SocketConnection, context: DoubleContext) async {
        var awaitingFirst = true
        do {
            for try await message in inbound.messages(maxSize: 16 << 20) {
                guard awaitingFirst, case .text(let text) = message, let value = try? JSONParser.parse(text) else { continue }
                awaitingFirst = false
                if value["type"]?.stringValue == "feature_flags" {
                    connection.featureFlags = value["data"]?.objectValue ?? [:]
                    connection.enqueue(.event("feature_flags", InfoRoutes(context: context).features))
                }
            }
        } catch {
            return
        }
    }

    private static func writeFrames(of connection: SocketConnection, to outbound: WebSocketOutboundWriter, hub: SocketHub) async {
        var sent = 0
        var silenced = false
        var faultDecided = hub.fault == nil
        func faultDue() -> Bool {
            guard !faultDecided, let fault = hub.fault, sent >= fault.afterFrames else { return false }
            faultDecided = true
            return hub.claimFault()
        }
        func apply() -> Bool {
            guard faultDue(), let fault = hub.fault else { return true }
            switch fault.kind {
            case .drop:
                connection.drop()
                return false
            case .goSilent:
                silenced = true
                return true
            case .freeze:
                silenced = true
                connection.stopReading()
                return true
            }
        }
        guard apply() else { return }
        for await frame in connection.frames {
            if silenced { continue }
            do {
                switch frame {
                case .text(let text): try await outbound.write(.text(text))
                case .binary(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                }
            } catch {
                return
            }
            sent += 1
            guard apply() else { return }
        }
    }
}
