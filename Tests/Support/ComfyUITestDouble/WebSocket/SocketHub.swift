import NIOCore

/// The server's `sockets` registry: which connection a `clientId` reaches, broadcasts, and the running
/// prompt's client (for the reconnect `executing` frame). Synchronous so that the order frames are queued
/// in is the order the events happened in.
final class SocketHub: Sendable {
    /// Where an event goes.
    enum Audience: Sendable {
        case client(String)
        case everyone
    }

    private struct State {
        var registry: [String: SocketConnection] = [:]
        var open: [Int: SocketConnection] = [:]
        var nextSerial = 0
        var queueRemaining = 0
        var runningClientID: String?
        var lastNodeID: String?
        var faultUsed = false
    }

    private let state = LockedState(State())
    let reconnectOverlapHazard: Bool
    let fault: WebSocketFault?

    init(reconnectOverlapHazard: Bool, fault: WebSocketFault?) {
        self.reconnectOverlapHazard = reconnectOverlapHazard
        self.fault = fault
    }

    /// Registers a connection under `sid` (replacing any older one) and queues the connect frames:
    /// `status` with `sid`, then `executing {node}` if this client's prompt is running.
    func connect(sid: String, channel: any Channel) -> SocketConnection {
        state.withLock { state in
            let connection = SocketConnection(serial: state.nextSerial, sid: sid, channel: channel)
            state.nextSerial += 1
            state.registry[sid] = connection
            state.open[connection.serial] = connection
            connection.enqueue(.event("status", ["status": ["exec_info": ["queue_remaining": .integer(state.queueRemaining)]], "sid": .string(sid)]))
            if state.runningClientID == sid, let node = state.lastNodeID {
                connection.enqueue(.event("executing", ["node": .string(node)]))
            }
            return connection
        }
    }

    /// `sockets.pop(sid)` when a socket closes: with the overlap hazard this also unregisters a newer
    /// connection that reused the `clientId`.
    func disconnect(_ connection: SocketConnection) {
        state.withLock { state in
            state.open[connection.serial] = nil
            if reconnectOverlapHazard || state.registry[connection.sid] === connection {
                state.registry[connection.sid] = nil
            }
        }
        connection.finishFrames()
    }

    func send(_ frame: OutgoingFrame, to audience: Audience) {
        state.withLock { state in
            switch audience {
            case .client(let sid): state.registry[sid]?.enqueue(frame)
            case .everyone: for connection in state.registry.values.sorted(by: { $0.serial < $1.serial }) { connection.enqueue(frame) }
            }
        }
    }

    func broadcastStatus(queueRemaining: Int) {
        state.withLock { state in
            state.queueRemaining = queueRemaining
            let frame = OutgoingFrame.event("status", ["status": ["exec_info": ["queue_remaining": .integer(queueRemaining)]]])
            for connection in state.registry.values.sorted(by: { $0.serial < $1.serial }) { connection.enqueue(frame) }
        }
    }

    /// Whether the socket registered for `sid` asked for type-4 previews.
    func supportsPreviewMetadata(_ sid: String?) -> Bool {
        guard let sid else { return false }
        return state.withLock { $0.registry[sid]?.supportsPreviewMetadata ?? false }
    }

    /// `server.client_id` / `last_node_id`, read by a reconnecting socket.
    func setRunning(clientID: String?, lastNodeID: String?) {
        state.withLock { state in
            state.runningClientID = clientID
            state.lastNodeID = lastNodeID
        }
    }

    func setLastNode(_ nodeID: String?) { state.withLock { $0.lastNodeID = nodeID } }

    /// Claims the configured fault for a connection that reached its frame budget; false once a one-shot fault is used.
    func claimFault() -> Bool {
        guard let fault else { return false }
        return state.withLock { state in
            if fault.everyConnection { return true }
            if state.faultUsed { return false }
            state.faultUsed = true
            return true
        }
    }

    var connectedCount: Int { state.withLock { $0.registry.count } }

    /// Cuts every open connection (a test's "network blip", and shutdown).
    func dropAll() {
        let connections = state.withLock { state in
            let all = Array(state.open.values)
            state.registry.removeAll()
            return all
        }
        for connection in connections { connection.drop() }
    }
}
