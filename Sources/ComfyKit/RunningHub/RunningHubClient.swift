import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// RunningHub's v1 API over async-http-client.
///
/// The key goes in the request body (`apiKey`) to ``site`` and nowhere else; error texts are
/// scrubbed of it. Requests that are safe to repeat are retried on network errors and 5xx;
/// `create` is retried only when it surely never left this machine, or on 421 (queue full),
/// so that a lost answer never turns into a second paid task.
public struct RunningHubClient: Sendable {
    /// `https://www.runninghub.ai` or `https://www.runninghub.cn` (or a test double).
    public let site: URL
    let apiKey: Secret
    let httpClient: HTTPClient
    /// Retries of requests that are safe to repeat.
    public var retryCount: Int
    /// Poll intervals, back-off and request limits.
    public var timing: RunningHubTiming
    /// RunningHub's documented per-file upload limit, checked before sending.
    public static let maxUploadBytes: Int64 = 30 << 20

    /// A client for `site` that sends `apiKey` to it and nowhere else; `retryCount` retries of safe requests (default 3).
    public init(site: URL, apiKey: Secret, retryCount: Int = 3, timing: RunningHubTiming = RunningHubTiming(), httpClient: HTTPClient = .comfyKit) {
        self.site = site
        self.apiKey = apiKey
        self.retryCount = retryCount
        self.timing = timing
        self.httpClient = httpClient
    }

    var siteName: String { site.host ?? site.absoluteString }

    // MARK: Endpoints

    /// `POST /api/openapi/getJsonApiFormat`: the cloud workflow's API-format graph (`data.prompt` is a JSON string).
    public func workflow(_ id: RunningHubWorkflowID) async throws(RunningHubError) -> Workflow {
        let endpoint = "/api/openapi/getJsonApiFormat"
        let envelope = try await call(endpoint, ["workflowId": .string(id.value)], retry: .safe)
        try envelope.requireSuccess(endpoint, site: siteName)
        let prompt = envelope.data["prompt"]
        let graph: JSONValue
        switch prompt {
        case .string(let text)?:
            do { graph = try JSONValue(parsing: text) } catch {
                throw .badResponse(endpoint: endpoint, reason: "data.prompt is not JSON: \(error.message)")
            }
        case .object?: graph = prompt!
        default: throw .badResponse(endpoint: endpoint, reason: "no workflow JSON (data.prompt) in the answer")
        }
        let source = "RunningHub workflow \(id)"
        do {
            guard case .workflow(let workflow) = try WorkflowDocument.from(graph, source: source, name: "workflow_\(id)") else {
                throw RunningHubError.badResponse(endpoint: endpoint, reason: "data.prompt is a RunningHub stub, not a graph")
            }
            return workflow
        } catch let error as RunningHubError {
            throw error
        } catch {
            throw .badResponse(endpoint: endpoint, reason: "\(error)")
        }
    }

    /// `POST /task/openapi/upload` (multipart `apiKey` + `file`): the name to put in the node's field (`api/<hash>.png`).
    public func upload(fileAt path: String, as filename: String? = nil) async throws(RunningHubError) -> String {
        let endpoint = "/task/openapi/upload"
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        if size > RunningHubClient.maxUploadBytes { throw .fileTooLarge(path: path, bytes: size, limit: RunningHubClient.maxUploadBytes) }
        let name = filename ?? URL(fileURLWithPath: path).lastPathComponent
        let envelope = try await send(endpoint, retry: .safe, timeout: timing.uploadTimeout) { () throws(RunningHubError) in
            let multipart: MultipartBody
            do {
                multipart = try MultipartBody(fields: [("apiKey", apiKey.value)], fileField: "file", filename: name, contentType: MediaType.forFilename(name), filePath: path)
            } catch {
                throw .badResponse(endpoint: endpoint, reason: "cannot read \(path): \((error as NSError).localizedDescription)")
            }
            return (.stream(multipart, length: .known(multipart.length)), multipart.contentType)
        }
        try envelope.requireSuccess(endpoint, site: siteName)
        if let stored = envelope.data["fileName"]?.stringValue ?? envelope.data["url"]?.stringValue, !stored.isEmpty { return stored }
        throw .badResponse(endpoint: endpoint, reason: "neither fileName nor url in the answer")
    }

    /// `POST /task/openapi/create`. Throws `ValidationError` when RunningHub refuses the prompt (433),
    /// `RunningHubError` otherwise.
    public func create(_ request: CreateRequest) async throws -> CreatedTask {
        let endpoint = "/task/openapi/create"
        let envelope = try await call(endpoint, request.body, retry: .create)
        if envelope.code == RunningHubCode.validationFailed, let tips = CreatedTask.promptTips(envelope.data["promptTips"]) ?? CreatedTask.promptTips(envelope.data) {
            throw tips
        }
        try envelope.requireSuccess(endpoint, site: siteName)
        guard let task = CreatedTask(data: envelope.data) else {
            throw RunningHubError.badResponse(endpoint: endpoint, reason: "no taskId in the answer")
        }
        return task
    }

    /// `POST /task/openapi/outputs`: the task's state (the single source of truth: its socket is only a hint).
    public func taskState(_ taskID: String) async throws(RunningHubError) -> RunningHubTaskState {
        let endpoint = "/task/openapi/outputs"
        let envelope = try await call(endpoint, ["taskId": .string(taskID)], retry: .safe)
        if let state = RunningHubTaskState(envelope) { return state }
        throw .api(endpoint: endpoint, code: envelope.code, msg: envelope.msg, site: siteName)
    }

    /// `POST /task/openapi/status`: `QUEUED`, `RUNNING`, `FAILED` or `SUCCESS`. A cheap extra; it has no failure reason.
    public func status(_ taskID: String) async throws(RunningHubError) -> String {
        let endpoint = "/task/openapi/status"
        let envelope = try await call(endpoint, ["taskId": .string(taskID)], retry: .safe)
        try envelope.requireSuccess(endpoint, site: siteName)
        guard let status = envelope.data.stringValue else { throw .badResponse(endpoint: endpoint, reason: "data is not a string") }
        return status
    }

    /// `POST /task/openapi/cancel`.
    public func cancel(_ taskID: String) async throws(RunningHubError) {
        let endpoint = "/task/openapi/cancel"
        try await call(endpoint, ["taskId": .string(taskID)], retry: .safe).requireSuccess(endpoint, site: siteName)
    }

    /// `POST /uc/openapi/accountStatus`: coins left and tasks running.
    public func accountStatus() async throws(RunningHubError) -> AccountStatus {
        let endpoint = "/uc/openapi/accountStatus"
        // The official example spells it `apikey`.
        let envelope = try await call(endpoint, ["apikey": .string(apiKey.value)], retry: .safe)
        try envelope.requireSuccess(endpoint, site: siteName)
        return AccountStatus(data: envelope.data)
    }

    // MARK: Transport

    enum RetryRule {
        /// Any network error or 5xx is retried.
        case safe
        /// Only failures before the request left (connecting), and 421 with back-off.
        case create
    }

    /// A JSON call with `apiKey` first in the body.
    func call(_ endpoint: String, _ fields: JSONObject, retry: RetryRule) async throws(RunningHubError) -> RunningHubEnvelope {
        var body: JSONObject = fields.contains("apikey") ? [:] : ["apiKey": .string(apiKey.value)]
        for (key, value) in fields { body[key] = value }
        let bytes = JSONValue.object(body).serialized()
        return try await send(endpoint, retry: retry, timeout: timing.requestTimeout) { () throws(RunningHubError) in
            (.bytes(ByteBuffer(bytes: bytes)), "application/json")
        }
    }

    private enum Attempt {
        case answered(status: Int, body: ByteBuffer)
        /// The request never left: safe to send again, even `create`.
        case notSent(String)
        /// It may have reached the server.
        case maybeSent(String)
    }

    private func send(
        _ endpoint: String, retry: RetryRule, timeout: Duration,
        body makeBody: () throws(RunningHubError) -> (HTTPClientRequest.Body, String)
    ) async throws(RunningHubError) -> RunningHubEnvelope {
        var failures = 0
        var queueFull = 0
        while true {
            let (body, contentType) = try makeBody()
            let attempt = await self.attempt(endpoint, body: body, contentType: contentType, timeout: timeout)
            let failure: RunningHubError
            switch attempt {
            case .answered(let status, let bytes):
                let text = scrub(String(buffer: bytes))
                guard status == 200 else {
                    failure = .http(endpoint: endpoint, status: status, body: text)
                    if retry == .create { throw RunningHubError.createUnconfirmed(site: siteName, reason: "HTTP \(status)") }
                    guard status >= 500 || status == 429 else { throw failure }
                    break
                }
                guard let json = try? JSONValue(parsing: bytes.readableBytesView), let envelope = RunningHubEnvelope(json: json) else {
                    throw RunningHubError.badResponse(endpoint: endpoint, reason: "not a RunningHub answer: \(text.prefix(200))")
                }
                if retry == .create, envelope.code == RunningHubCode.queueFull, queueFull < timing.queueFullAttempts {
                    // 421: the queue is full and nothing was created; wait and ask again.
                    try? await Task.sleep(for: timing.backoff(queueFull))
                    queueFull += 1
                    continue
                }
                return envelope
            case .notSent(let reason):
                failure = .unreachable(site: siteName, endpoint: endpoint, reason: reason)
            case .maybeSent(let reason):
                if retry == .create { throw RunningHubError.createUnconfirmed(site: siteName, reason: reason) }
                failure = .unreachable(site: siteName, endpoint: endpoint, reason: reason)
            }
            guard failures < retryCount else { throw failure }
            try? await Task.sleep(for: timing.backoff(failures))
            failures += 1
        }
    }

    private func attempt(_ endpoint: String, body: HTTPClientRequest.Body, contentType: String, timeout: Duration) async -> Attempt {
        var request = HTTPClientRequest(url: site.absoluteString + endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = body
        do {
            let response = try await httpClient.execute(request, timeout: .init(timeout))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            return .answered(status: Int(response.status.code), body: bytes)
        } catch {
            let reason = scrub(RunningHubClient.describe(error))
            return RunningHubClient.failedBeforeSending(error) ? .notSent(reason) : .maybeSent(reason)
        }
    }

    /// Connection errors: nothing was written, so nothing can have been created.
    static func failedBeforeSending(_ error: any Error) -> Bool {
        ConnectionFailure.failedBeforeSending(error)
    }

    static func describe(_ error: any Error) -> String {
        ConnectionFailure.describe(error)
    }

    /// Removes the key and socket credentials from text quoted from the server (one that echoes the request).
    func scrub(_ text: String) -> String {
        let redacted = RunningHubSocketURL.redactCredentials(text)
        return apiKey.value.isEmpty ? redacted : redacted.replacingOccurrences(of: apiKey.value, with: "<redacted>")
    }
}

extension RunningHubEnvelope {
    func requireSuccess(_ endpoint: String, site: String) throws(RunningHubError) {
        guard code == RunningHubCode.success else { throw .api(endpoint: endpoint, code: code, msg: msg, site: site) }
    }
}

/// `dump` shows the site only: the key and the HTTP pool stay out.
extension RunningHubClient: CustomReflectable {
    /// Shows only the site, never the key or the HTTP client.
    public var customMirror: Mirror { Mirror(self, children: ["site": site.absoluteString], displayStyle: .struct) }
}
