import AsyncHTTPClient
import Foundation
import NIOCore

/// What `GET /openapi/v2/queue/status` says of the key's tasks: how many may run at once, how many run and wait.
public struct RunningHubQueueStatus: Hashable, Sendable {
    /// Tasks the key may run at once; `nil` when the answer does not say.
    public let concurrentLimit: Int?
    /// Tasks of the key running now.
    public let runningCount: Int
    /// Tasks of the key waiting for a machine.
    public let queuedCount: Int
    /// `EXCLUSIVE`, `SHARED` or `NORMAL`; `nil` when not given.
    public let apiKeyType: String?

    /// Reads the v2 business object, or a v1-style envelope around it.
    init?(json: JSONValue) {
        var object = json
        if let data = json["data"], case .object = data, json["code"] != nil { object = data }
        guard case .object = object else { return nil }
        func count(_ key: String) -> Int? {
            switch object[key] {
            case .number(let n)?: n.intValue
            case .string(let s)?: Int(s)
            default: nil
            }
        }
        guard let running = count("runningCount") else { return nil }
        runningCount = running
        queuedCount = count("queuedCount") ?? 0
        concurrentLimit = count("concurrentLimit")
        apiKeyType = object["apiKeyType"]?.stringValue
    }
}

extension RunningHubClient {
    /// `GET /openapi/v2/queue/status` (the key as a Bearer token): the key's concurrency limit and its tasks.
    public func queueStatus() async throws(RunningHubError) -> RunningHubQueueStatus {
        let endpoint = "/openapi/v2/queue/status"
        var request = HTTPClientRequest(url: site.absoluteString + endpoint)
        request.headers.add(name: "Authorization", value: "Bearer " + apiKey.value)
        let status: Int
        let bytes: ByteBufferView
        do {
            let response = try await httpClient.execute(request, timeout: .init(timing.requestTimeout))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 1 << 20).readableBytesView
        } catch {
            throw .unreachable(site: siteName, endpoint: endpoint, reason: scrub(RunningHubClient.describe(error)))
        }
        guard status == 200 else { throw .http(endpoint: endpoint, status: status, body: scrub(String(decoding: bytes, as: UTF8.self))) }
        guard let json = try? JSONValue(parsing: bytes) else { throw .badResponse(endpoint: endpoint, reason: "the answer is not JSON") }
        if let envelope = RunningHubEnvelope(json: json), envelope.code != RunningHubCode.success {
            throw .api(endpoint: endpoint, code: envelope.code, msg: envelope.msg, site: siteName)
        }
        guard let answer = RunningHubQueueStatus(json: json) else { throw .badResponse(endpoint: endpoint, reason: "no runningCount in the answer") }
        return answer
    }
}
