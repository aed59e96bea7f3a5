import ComfyKitTesting
import Foundation
@testable import ComfyUITestDouble

/// Starts a double for one test, hands it over with an HTTP client, and always shuts it down.
func withDouble<Result>(
    _ configure: (inout ComfyUIDouble.Configuration) -> Void = { _ in },
    _ body: (RunningDouble, DoubleClient) async throws -> Result
) async throws -> Result {
    try await withComfyUIDouble(configure) { double in
        try await body(double, DoubleClient(base: double.baseURL))
    }
}

/// One workflow run as a client sees it: the POST reply, every frame up to the end, and the history entry.
struct Run {
    var reply: DoubleClient.Reply
    var promptID: String
    var frames: [WebSocketProbe.Frame]
    var history: JSONValue?

    var kinds: [String] { frames.map(\.kind) }

    func events(_ type: String) -> [JSONValue] { frames.filter { $0.kind == type }.compactMap(\.data) }
}

/// Connects a socket as `clientID`, submits the workflow, and waits for its end (or a moment, if refused).
func run(_ workflow: JSONValue, on double: RunningDouble, clientID: String = "c0ffee", featureFlags: Bool = false,
         extra: JSONObject = [:]) async throws -> Run {
    let client = DoubleClient(base: double.baseURL)
    let probe = try await WebSocketProbe(url: double.webSocketURL(clientID: clientID), sendFeatureFlags: featureFlags)
    let (reply, promptID) = try await client.submit(workflow, clientID: clientID, extra: extra)
    if reply.status == 200 {
        try await probe.waitForEnd(of: promptID)
    } else {
        try await Task.sleep(for: .milliseconds(50))
    }
    let frames = await probe.frames
    await probe.close()
    let history = reply.status == 200 ? try await client.get("/history/\(promptID)").json?[promptID] : nil
    return Run(reply: reply, promptID: promptID, frames: frames, history: history)
}

extension JSONValue {
    /// Object equality ignoring key order (history `outputs` order is a Python set's on the real server).
    func sameContent(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let lhs), .object(let rhs)):
            return lhs.count == rhs.count && lhs.entries.allSatisfy { key, value in rhs[key].map { value.sameContent(as: $0) } ?? false }
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.sameContent(as: $1) }
        default:
            return self == other
        }
    }
}
