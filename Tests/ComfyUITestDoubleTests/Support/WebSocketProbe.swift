import Foundation
import Logging
import NIOCore
import WSClient
@testable import ComfyUITestDouble

/// A WebSocket client that records every frame the double sends, for asserting on event sequences.
final class WebSocketProbe: Sendable {
    /// One received frame.
    enum Frame: Sendable {
        case text(JSONValue)
        case binary([UInt8])

        /// The event `type`, or `binary:N`.
        var kind: String {
            switch self {
            case .text(let json): return json["type"]?.stringValue ?? "?"
            case .binary(let bytes): return "binary:\(bytes.prefix(4).reduce(0) { ($0 << 8) | Int($1) })"
            }
        }

        var json: JSONValue? {
            if case .text(let json) = self { return json }
            return nil
        }

        var data: JSONValue? { json?["data"] }
    }

    private let log = FrameLog()
    private let task: Task<Void, any Error>
    private let closeSignal: AsyncStream<Void>.Continuation

    /// Connects, sends `openingMessages` (then the feature flags, if asked), and waits for the connect `status` frame.
    init(url: URL, sendFeatureFlags: Bool = false, openingMessages: [String] = []) async throws {
        let (closeStream, closeSignal) = AsyncStream.makeStream(of: Void.self)
        self.closeSignal = closeSignal
        let log = self.log
        task = Task {
            try await WebSocketClient.connect(
                url: url.absoluteString, configuration: .init(maxFrameSize: 64 << 20), logger: Logger(label: "probe")
            ) { inbound, outbound, _ in
                for message in openingMessages { try await outbound.write(.text(message)) }
                if sendFeatureFlags {
                    try await outbound.write(.text(#"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#))
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 64 << 20) {
                            switch message {
                            case .text(let text): await log.append(.text(try JSONParser.parse(text)))
                            case .binary(let buffer): await log.append(.binary(Array(buffer: buffer)))
                            }
                        }
                    }
                    group.addTask {
                        var iterator = closeStream.makeAsyncIterator()
                        _ = await iterator.next()
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            await log.markClosed()
        }
        try await waitFor(timeout: .seconds(5)) { $0.contains { $0.kind == "status" } }
        if sendFeatureFlags { try await waitFor(timeout: .seconds(5)) { $0.contains { $0.kind == "feature_flags" } } }
    }

    var frames: [Frame] { get async { await log.frames } }
    var kinds: [String] { get async { await log.frames.map(\.kind) } }
    var isClosed: Bool { get async { await log.closed } }

    /// Waits until the recorded frames satisfy `condition`.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(10), _ condition: @Sendable ([Frame]) -> Bool) async throws -> [Frame] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let frames = await log.frames
            if condition(frames) { return frames }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ProbeTimeout(frames: await log.frames.map(\.kind))
    }

    /// Waits for `executing {node: null}` of `promptID`, the end of a prompt.
    @discardableResult
    func waitForEnd(of promptID: String, timeout: Duration = .seconds(10)) async throws -> [Frame] {
        try await waitFor(timeout: timeout) { frames in
            frames.contains { $0.kind == "executing" && $0.data?["node"] == .null && $0.data?["prompt_id"]?.stringValue == promptID }
        }
    }

    func waitUntilClosed(timeout: Duration = .seconds(5)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await log.closed { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ProbeTimeout(frames: await log.frames.map(\.kind))
    }

    /// Closes the socket and waits for the close handshake to finish.
    func close() async {
        closeSignal.yield()
        _ = await task.result
    }
}

struct ProbeTimeout: Error, CustomStringConvertible {
    let frames: [String]
    var description: String { "timed out; frames so far: \(frames)" }
}

private actor FrameLog {
    var frames: [WebSocketProbe.Frame] = []
    var closed = false

    func append(_ frame: WebSocketProbe.Frame) { frames.append(frame) }
    func markClosed() { closed = true }
}
