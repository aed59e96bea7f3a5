import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// ComfyUI's HTTP API over async-http-client.
///
/// Credentials (Bearer key, cookies) go on every request to this server's origin and only there.
/// No `Origin` header is sent: ComfyUI refuses loopback requests whose Origin differs from Host.
public struct ComfyUIClient: Sendable {
    /// The server every request goes to, and the only origin that receives the credentials.
    public let server: ComfyUIServer
    let httpClient: HTTPClient
    let credentials: Credentials
    /// Generous: ComfyUI's HTTP can stall for seconds while it streams previews.
    public var requestTimeout: Duration = .seconds(60)
    /// Whether the server has the jobs API, shared by every copy of this client.
    let jobsAPI = JobsAPISupport()

    init(server: ComfyUIServer, httpClient: HTTPClient, credentials: Credentials) {
        self.server = server
        self.httpClient = httpClient
        self.credentials = credentials
    }

    // MARK: Prompts

    /// What `POST /prompt` answered.
    public struct Submission: Hashable, Sendable {
        /// The id the server runs the prompt under: the one given to ``submit(prompt:clientID:promptID:)``, or one it made up.
        public let promptID: String
        /// The prompt's place in the server's run order (lower runs first); 0 when the answer has none.
        public let number: Double
        /// Non-nil when the server dropped some outputs (HTTP 200 with `node_errors`).
        public let droppedOutputs: ValidationError?
    }

    /// Queues a prompt; a 400 with `node_errors` throws `ValidationError`.
    public func submit(prompt: JSONValue, clientID: String, promptID: String?) async throws -> Submission {
        var body: JSONObject = ["prompt": prompt, "client_id": .string(clientID)]
        if let promptID { body["prompt_id"] = .string(promptID) }
        if let key = credentials.apiKey { body["extra_data"] = ["api_key_comfy_org": .string(key.value)] }
        let (status, bytes) = try await send(.POST, "/prompt", json: .object(body), replayable: credentials.apiKey == nil)
        let json = try? JSONValue(parsing: bytes.readableBytesView)
        switch status {
        case 200:
            guard let id = json?["prompt_id"]?.stringValue else {
                throw ComfyUIError.badResponse(endpoint: "POST /prompt", reason: "no prompt_id in \(String(buffer: bytes).prefix(200))")
            }
            let nodeErrors = json?["node_errors"]?.objectValue ?? [:]
            return Submission(
                promptID: id, number: json?["number"]?.doubleValue ?? 0,
                droppedOutputs: nodeErrors.isEmpty ? nil : ValidationError(json: ["error": ["type": "outputs_dropped", "message": "Some outputs failed validation and will not run"], "node_errors": .object(nodeErrors)]))
        case 400 where json?["error"] != nil || json?["node_errors"] != nil:
            throw ValidationError(json: json!)
        case 300..<400 where credentials.apiKey != nil:
            throw ComfyUIError.badResponse(endpoint: "POST /prompt", reason: "redirected (HTTP \(status)); not followed, since the prompt carries the API key")
        default:
            throw ComfyUIError.http(endpoint: "POST /prompt", status: status, body: String(buffer: bytes))
        }
    }

    /// The history entry of a prompt, or `nil` while it is queued, running or unknown.
    public func history(promptID: String) async throws -> JSONObject? {
        let endpoint = "GET /history/\(promptID)"
        let (status, bytes) = try await send(.GET, "/history/" + ViewURL.encode(promptID))
        guard status == 200 else { throw ComfyUIError.http(endpoint: endpoint, status: status, body: String(buffer: bytes)) }
        guard case .object(let all)? = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.badResponse(endpoint: endpoint, reason: "not a JSON object")
        }
        return all[promptID]?.objectValue
    }

    /// The queue: the running prompt and the pending ones in run order (by `number`).
    public func queue() async throws -> QueueSnapshot {
        let (status, bytes) = try await send(.GET, "/queue")
        guard status == 200, let json = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.http(endpoint: "GET /queue", status: status, body: String(buffer: bytes))
        }
        return QueueSnapshot(json: json)
    }

    /// Removes pending prompts (`POST /queue {"delete": […]}`); running ones need ``interrupt(promptID:)``.
    public func deleteFromQueue(_ promptIDs: [String]) async throws {
        let (status, bytes) = try await send(.POST, "/queue", json: ["delete": .array(promptIDs.map(JSONValue.string))])
        guard status == 200 else { throw ComfyUIError.http(endpoint: "POST /queue", status: status, body: String(buffer: bytes)) }
    }

    /// Interrupts the running prompt: only `promptID` when given (servers before #9607 interrupt whatever runs).
    public func interrupt(promptID: String?) async throws {
        let body: JSONValue = promptID.map { ["prompt_id": .string($0)] } ?? [:]
        let (status, bytes) = try await send(.POST, "/interrupt", json: body)
        guard status == 200 else { throw ComfyUIError.http(endpoint: "POST /interrupt", status: status, body: String(buffer: bytes)) }
    }

    /// `GET /object_info`: every node class's inputs (types, defaults, min/max, combo choices).
    public func objectInfo() async throws -> JSONObject {
        try await getObject("/object_info")
    }

    /// `GET /system_stats`: versions, devices, memory.
    public func systemStats() async throws -> JSONObject {
        try await getObject("/system_stats")
    }

    private func getObject(_ path: String) async throws -> JSONObject {
        let (status, bytes) = try await send(.GET, path, maxBytes: 256 << 20)
        guard status == 200 else { throw ComfyUIError.http(endpoint: "GET \(path)", status: status, body: String(buffer: bytes)) }
        guard case .object(let object)? = try? JSONValue(parsing: bytes.readableBytesView) else {
            throw ComfyUIError.badResponse(endpoint: "GET \(path)", reason: "not a JSON object")
        }
        return object
    }

    // MARK: Uploads

    /// A file stored on the server; ``nodeValue`` is what a loader node's input takes.
    public struct UploadedFile: Hashable, Sendable {
        /// The file name the server stored the file under, which may differ from the one sent when the name was taken.
        public let name: String
        /// The folder inside the ``type`` folder; empty for its top level.
        public let subfolder: String
        /// The server folder it went to: `input` (the default), `temp` or `output`.
        public let type: String
        /// `name`, or `subfolder/name`, as the upload answer gives it.
        public var nodeValue: String { subfolder.isEmpty ? name : subfolder + "/" + name }
    }

    /// `POST /upload/image` with the file streamed from disk under `filename`.
    public func upload(fileAt path: String, as filename: String, subfolder: String? = nil, type: String = "input", overwrite: Bool = false) async throws -> UploadedFile {
        var fields: [(String, String)] = [("type", type), ("overwrite", overwrite ? "true" : "false")]
        if let subfolder, !subfolder.isEmpty { fields.append(("subfolder", subfolder)) }
        let multipart = try MultipartBody(fields: fields, fileField: "image", filename: filename, contentType: MediaType.forFilename(filename), filePath: path)
        let (status, bytes) = try await send(.POST, "/upload/image", body: .stream(multipart, length: .known(multipart.length)), contentType: multipart.contentType)
        guard status == 200 else { throw ComfyUIError.http(endpoint: "POST /upload/image", status: status, body: String(buffer: bytes)) }
        guard let json = try? JSONValue(parsing: bytes.readableBytesView), let name = json["name"]?.stringValue else {
            throw ComfyUIError.badResponse(endpoint: "POST /upload/image", reason: "no name in \(String(buffer: bytes).prefix(200))")
        }
        return UploadedFile(name: name, subfolder: json["subfolder"]?.stringValue ?? "", type: json["type"]?.stringValue ?? type)
    }

    // MARK: Transport

    /// Headers for a request to this server: the Bearer key and cookies.
    func authorizationHeaders() async throws -> [(String, String)] {
        var headers: [(String, String)] = []
        if let key = credentials.apiKey { headers.append(("Authorization", "Bearer " + key.value)) }
        if let cookie = try await credentials.cookieHeader() { headers.append(("Cookie", cookie.value)) }
        return headers
    }

    /// Sends one request and collects the answer (at most `maxBytes`).
    ///
    /// `replayable: false` sends `json` as a one-shot stream: AsyncHTTPClient re-sends a replayable body when it
    /// follows a 307/308 redirect, to whatever host that names, so a body holding a secret must not be one.
    /// The redirect is then answered to the caller instead of followed.
    func send(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, replayable: Bool = true, body: HTTPClientRequest.Body? = nil,
        contentType: String? = nil, maxBytes: Int = 64 << 20
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = method
        for (name, value) in try await authorizationHeaders() { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            let bytes = ByteBuffer(bytes: json.serialized())
            if replayable {
                request.body = .bytes(bytes)
            } else {
                let once = AsyncStream<ByteBuffer> { $0.yield(bytes); $0.finish() }
                request.body = .stream(once, length: .known(Int64(bytes.readableBytes)))
            }
        } else if let body {
            request.body = body
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        }
        do {
            let response = try await httpClient.execute(request, timeout: .init(requestTimeout))
            let bytes = try await response.body.collect(upTo: maxBytes)
            return (Int(response.status.code), bytes)
        } catch let error as NIOTooManyBytesError {
            throw ComfyUIError.badResponse(endpoint: "\(method) \(path)", reason: "answer larger than \(maxBytes) bytes (\(error))")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let reason = ConnectionFailure.describe(error)
            // A POST that may have arrived is not the same as a server that was never reached: it may be acted on.
            if method == .POST, !ConnectionFailure.failedBeforeSending(error) {
                throw ComfyUIError.answerLost(server: server.description, endpoint: "\(method) \(path)", reason: reason)
            }
            throw ComfyUIError.unreachable(server: server.description, reason: "\(method) \(path): \(reason)")
        }
    }
}

/// `GET /queue`: the running prompt and the pending ones sorted into run order.
public struct QueueSnapshot: Hashable, Sendable {
    /// One prompt in the queue.
    public struct Item: Hashable, Sendable {
        /// The prompt's place in the run order (lower runs first).
        public let number: Double
        /// The prompt's id, as ``ComfyUIClient/Submission/promptID`` gave it.
        public let promptID: String
    }

    /// The prompts executing now (usually one; empty when the server is idle).
    public let running: [Item]
    /// Sorted by `number` (the server's list is a heap, not in order).
    public let pending: [Item]

    init(json: JSONValue) {
        func items(_ key: String) -> [Item] {
            (json[key]?.arrayValue ?? []).compactMap { entry in
                guard let list = entry.arrayValue, list.count >= 2, let id = list[1].stringValue else { return nil }
                return Item(number: list[0].doubleValue ?? 0, promptID: id)
            }
        }
        running = items("queue_running")
        pending = items("queue_pending").sorted { $0.number < $1.number }
    }

    /// 0 when next to run; `nil` when not pending.
    public func position(of promptID: String) -> Int? {
        pending.firstIndex { $0.promptID == promptID }
    }

    /// True when `promptID` is executing now.
    public func isRunning(_ promptID: String) -> Bool { running.contains { $0.promptID == promptID } }
}

/// `dump` would otherwise walk into the HTTP client's pool, whose live requests carry credentials.
extension ComfyUIClient: CustomReflectable {
    /// Shows only the server, never the HTTP client or the credentials.
    public var customMirror: Mirror { Mirror(self, children: ["server": server.description], displayStyle: .struct) }
}
