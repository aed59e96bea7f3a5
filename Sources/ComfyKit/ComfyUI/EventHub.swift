import Foundation
import HTTPTypes
import Logging
import NIOCore
import WSClient

/// One WebSocket to ComfyUI shared by every run of a ``ComfyKit`` (one `clientId`), with events
/// demultiplexed by prompt id.
///
/// The socket is a hint: when it drops it is reconnected in the background (the old socket is
/// closed before the new one opens: the server keeps one socket per clientId) and runs fall back to
/// `/history` meanwhile.
actor EventHub {
    let clientID: String
    private let server: ComfyUIServer
    private let credentials: Credentials
    private let logger: Logger

    /// Where one prompt's events go: called on the hub, in order, with no task of its own in between.
    struct Subscriber: Sendable {
        let deliver: @Sendable (SocketItem) -> Void
        let finish: @Sendable () -> Void
    }

    private var subscribers: [String: Subscriber] = [:]
    /// Subscribed prompts the server has started: queue changes no longer concern them.
    private var started: Set<String> = []
    /// When each waiting prompt was last told that the queue changed.
    private var queueChangeSent: [String: ContinuousClock.Instant] = [:]
    /// Messages for prompts nobody subscribed to yet: a server that ignores our `prompt_id` names its own.
    private var unclaimed: [(promptID: String, item: SocketItem)] = []
    /// The prompt that last reported activity; type-1 previews and text frames carry no prompt id.
    private var activePrompt: String?
    private var connection: Task<Void, Never>?
    private var isConnected = false
    private var hasConnectedOnce = false
    private var connectWaiters: [UUID: CheckedContinuation<Bool, Never>] = [:]
    private var consecutiveFailures = 0

    /// Forgotten on every reconnect: the server may be another process, of another version.
    private let jobsAPI: JobsAPISupport?
    /// The socket is pinged this often; with no pong before the next ping, it is closed and reconnected.
    private let pingPeriod: Duration
    /// Told the queue length each `status` message gives, for the router.
    private let load: ServerLoad?
    /// A waiting prompt hears of queue changes at most this often. The server broadcasts one at every submission,
    /// start and end; with 100 runs waiting, passing each to each run cost more client CPU than the runs themselves.
    static let queueChangeInterval: Duration = .milliseconds(250)

    /// `clientID`: nil for a new one; a given one takes over that client's socket, and with it the events of
    /// the prompts it submitted (ComfyUI sends them to the submitter's `clientId` only).
    init(server: ComfyUIServer, credentials: Credentials, logger: Logger, jobsAPI: JobsAPISupport? = nil,
         pingPeriod: Duration = SocketLimits.pingPeriod, clientID: String? = nil, load: ServerLoad? = nil) {
        self.load = load
        self.clientID = clientID ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        self.server = server
        self.credentials = credentials
        self.logger = logger
        self.jobsAPI = jobsAPI
        self.pingPeriod = pingPeriod
    }

    /// Starts the connection if needed and waits until it is open; false after `timeout` or a refusal,
    /// in which case callers poll `/history` instead.
    func ensureConnected(timeout: Duration = .seconds(5)) async -> Bool {
        if isConnected { return true }
        startIfNeeded()
        // A server whose socket keeps failing (a proxy without WebSocket): don't make every run wait.
        if consecutiveFailures >= 3 { return false }
        let id = UUID.systemRandom()
        return await withCheckedContinuation { continuation in
            connectWaiters[id] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.resolveWaiter(id, false)
            }
        }
    }

    /// Hands one prompt's events to `deliver`, including any that arrived before subscribing; `finish` is called when
    /// the subscription ends (unsubscribed, or the hub shut down).
    func subscribe(promptID: String, deliver: @escaping @Sendable (SocketItem) -> Void, finish: @escaping @Sendable () -> Void) {
        subscribers[promptID] = Subscriber(deliver: deliver, finish: finish)
        deliverUnclaimed(to: promptID)
    }

    /// The server named the prompt differently from the id we asked for.
    func rekey(from old: String, to new: String) {
        guard old != new, let subscriber = subscribers.removeValue(forKey: old) else { return }
        subscribers[new] = subscriber
        if started.remove(old) != nil { started.insert(new) }
        queueChangeSent[new] = queueChangeSent.removeValue(forKey: old)
        deliverUnclaimed(to: new)
    }

    func unsubscribe(promptID: String) {
        subscribers.removeValue(forKey: promptID)?.finish()
        started.remove(promptID)
        queueChangeSent.removeValue(forKey: promptID)
        if activePrompt == promptID { activePrompt = nil }
    }

    /// Closes the socket and ends every subscription.
    func shutdown() async {
        connection?.cancel()
        let task = connection
        connection = nil
        await task?.value
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers = [:]
        started = []
        queueChangeSent = [:]
        resolveWaiters(false)
    }


    // MARK: Connection loop

    private func startIfNeeded() {
        guard connection == nil else { return }
        let url = server.webSocketURL(clientID: clientID)
        connection = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                await self.runOneConnection(url: url)
                guard !Task.isCancelled else { return }
                let delay = await self.didDisconnect()
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func runOneConnection(url: String) async {
        var headers = HTTPFields()
        // One `Cookie` line: the subscript setter splits cookies into one field each (HTTP/2 style), which
        // the HTTP/1 upgrade then sends as several lines, and aiohttp (ComfyUI) reads only the first.
        if let cookie = try? await credentials.cookieHeader() { headers.append(HTTPField(name: .cookie, value: cookie.value)) }
        if let key = credentials.apiKey { headers[.authorization] = "Bearer " + key.value }
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: SocketLimits.maxFrameSize, additionalHeaders: headers,
            autoPing: .enabled(timePeriod: pingPeriod))
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                // Ask for type-4 previews, which carry their prompt id (`supports_preview_metadata`).
                try await outbound.write(.text(#"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#))
                await self.didConnect()
                for try await message in inbound.messages(maxSize: SocketLimits.maxFrameSize) {
                    await self.handle(message)
                }
            }
        } catch {
            logger.debug("ComfyUI event stream ended", metadata: ["reason": "\(error)"])
        }
    }

    private func didConnect() async {
        consecutiveFailures = 0
        isConnected = true
        if hasConnectedOnce {
            await jobsAPI?.forget()
            broadcast(.reconnected)
        }
        hasConnectedOnce = true
        resolveWaiters(true)
    }

    /// Returns how long to wait before the next attempt.
    private func didDisconnect() -> Duration {
        if isConnected { broadcast(.connectionLost) }
        isConnected = false
        consecutiveFailures += 1
        resolveWaiters(false)
        let steps: [Duration] = [.milliseconds(50), .milliseconds(200), .milliseconds(500), .seconds(1), .seconds(2)]
        return steps[min(consecutiveFailures - 1, steps.count - 1)]
    }

    private func resolveWaiters(_ connected: Bool) {
        let waiters = connectWaiters
        connectWaiters = [:]
        for waiter in waiters.values { waiter.resume(returning: connected) }
    }

    private func resolveWaiter(_ id: UUID, _ connected: Bool) {
        connectWaiters.removeValue(forKey: id)?.resume(returning: connected)
    }

    // MARK: Demultiplexing

    private func handle(_ message: WebSocketMessage) {
        switch message {
        case .text(let text):
            guard let decoded = ServerMessage(text: text) else { return }
            route(decoded)
        case .binary(var buffer):
            guard let bytes = buffer.readBytes(length: buffer.readableBytes), let frame = BinaryFrame(bytes) else { return }
            switch frame {
            case .preview(let preview):
                if let id = preview.promptID ?? activePrompt { deliver(.preview(preview), to: id) }
            case .text(let node, let text):
                if let id = activePrompt { deliver(.nodeText(node: node, text: text), to: id) }
            case .unknown:
                break
            }
        }
    }

    private func route(_ message: ServerMessage) {
        switch message {
        case .status(let remaining, _):
            load?.heard(queueLength: remaining)
            tellWaitingPrompts(.queueChanged(remaining: remaining))
        case .featureFlags, .other:
            break
        default:
            // The reconnect frame `executing {node}` has no prompt id: it is the running prompt's.
            guard let id = message.promptID ?? activePrompt else { return }
            if subscribers[id] != nil {
                switch message {
                case .executing(_, nil), .executionSuccess, .executionError, .executionInterrupted:
                    break
                default:
                    activePrompt = id
                    started.insert(id)
                }
            }
            deliver(.message(message), to: id)
        }
    }

    private func deliver(_ item: SocketItem, to promptID: String) {
        if let subscriber = subscribers[promptID] {
            subscriber.deliver(item)
        } else {
            unclaimed.append((promptID, item))
            if unclaimed.count > 512 { unclaimed.removeFirst(unclaimed.count - 512) }
        }
    }

    private func deliverUnclaimed(to promptID: String) {
        guard let subscriber = subscribers[promptID] else { return }
        for entry in unclaimed where entry.promptID == promptID { subscriber.deliver(entry.item) }
        unclaimed.removeAll { $0.promptID == promptID }
    }

    /// A queue change, to the prompts still waiting, each at most once per ``queueChangeInterval``.
    private func tellWaitingPrompts(_ item: SocketItem) {
        let now = ContinuousClock.now
        for (id, subscriber) in subscribers where !started.contains(id) {
            if let sent = queueChangeSent[id], now - sent < Self.queueChangeInterval { continue }
            queueChangeSent[id] = now
            subscriber.deliver(item)
        }
    }

    private func broadcast(_ item: SocketItem) {
        for subscriber in subscribers.values { subscriber.deliver(item) }
    }
}
