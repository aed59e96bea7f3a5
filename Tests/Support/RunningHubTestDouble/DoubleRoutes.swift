import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The v1 endpoints with the answers RunningHub's API docs show, plus a CDN for output files and the
/// `netWssUrl` socket.
struct DoubleRoutes: Sendable {
    let state: DoubleState
    let configuration: RunningHubDoubleConfiguration

    struct DroppedAnswer: Error {}

    func register(on router: Router<BasicWebSocketRequestContext>) {
        router.post("/api/openapi/getJsonApiFormat") { request, _ in try await json(request) { body in workflow(body) } }
        router.post("/task/openapi/create") { request, _ in try await create(request) }
        router.post("/task/openapi/outputs") { request, _ in try await outputs(request) }
        router.post("/task/openapi/status") { request, _ in try await json(request) { body in await status(body) } }
        router.post("/task/openapi/cancel") { request, _ in try await json(request) { body in await cancel(body) } }
        router.post("/uc/openapi/accountStatus") { request, _ in
            try await json(request) { _ in
                JSONText.envelope(code: 0, msg: "success", data: #"{"remainCoins":"177814","currentTaskCounts":"0","remainMoney":null,"currency":null,"apiType":"NORMAL"}"#)
            }
        }
        router.post("/task/openapi/upload") { request, _ in try await upload(request) }
        router.get("/openapi/v2/queue/status") { request, _ in await queueStatus(request) }
        router.get("/cdn/**") { request, _ -> Response in
            await state.record(RecordedCall(method: "GET", uri: request.uri.description, headers: headers(request), body: ""))
            let path = request.uri.path
            if path.hasSuffix(".txt") || path.hasSuffix(".json") {
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "text from RunningHub\n")))
            }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])))
        }
        router.ws("/ws/c_instance") { inbound, outbound, context in
            await state.recordSocket(query: context.request.uri.query ?? "")
            for frame in ProgressFrames.frames(steps: configuration.progressSteps) {
                try await outbound.write(.text(frame))
            }
            // Stay open until the client goes: the client decides by polling, not by the socket.
            for try await _ in inbound {}
        }
    }

    // MARK: Handlers

    /// Records the call, checks the key (806 for any other), and answers the handler's JSON.
    private func json(_ request: Request, _ answer: @Sendable ([String: Any]) async -> String) async throws -> Response {
        let bytes = try await body(request)
        guard let body = JSONText.object(bytes), key(in: body) else { return reply(JSONText.envelope(code: 806, msg: "APIKEY_USER_NOT_FOUND")) }
        return reply(await answer(body))
    }

    private func body(_ request: Request) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: 64 << 20)
        let bytes = Array(buffer.readableBytesView)
        await state.record(RecordedCall(method: request.method.rawValue, uri: request.uri.description, headers: headers(request), body: String(decoding: bytes, as: UTF8.self)))
        return bytes
    }

    private func key(in body: [String: Any]) -> Bool {
        guard let key = (body["apiKey"] ?? body["apikey"]) as? String else { return false }
        return configuration.apiKeys.contains(key)
    }

    private func workflow(_ body: [String: Any]) -> String {
        let id = JSONText.member(body, "workflowId").trimmingCharacters(in: ["\""])
        guard let graph = configuration.workflows[id] else { return JSONText.envelope(code: 380, msg: "WORKFLOW_NOT_EXISTS") }
        return JSONText.envelope(code: 0, msg: "SUCCESS", data: #"{"prompt":\#(JSONText.quoted(graph))}"#)
    }

    private func create(_ request: Request) async throws -> Response {
        let bytes = try await body(request)
        guard let body = JSONText.object(bytes), key(in: body) else { return reply(JSONText.envelope(code: 806, msg: "APIKEY_USER_NOT_FOUND")) }
        let workflowID = JSONText.member(body, "workflowId").trimmingCharacters(in: ["\""])
        guard configuration.workflows[workflowID] != nil || body["workflow"] != nil else {
            return reply(JSONText.envelope(code: 380, msg: "WORKFLOW_NOT_EXISTS"))
        }
        let tips = configuration.promptTips ?? #"{"result": true, "error": null, "outputs_to_execute": ["9"], "node_errors": {}}"#
        if configuration.rejectCreate {
            return reply(JSONText.envelope(code: 433, msg: "VALIDATE_PROMPT_FAILED", data: #"{"promptTips":\#(JSONText.quoted(tips))}"#))
        }
        switch await state.create(workflowID: workflowID, nodeInfoList: JSONText.member(body, "nodeInfoList")) {
        case .queueFull:
            return reply(JSONText.envelope(code: 421, msg: "TASK_QUEUE_MAXED"))
        case .create(let taskID, let dropAnswer):
            if dropAnswer { return dropped() }
            let running = configuration.initialStatus == "RUNNING"
            let socket = running && configuration.progressSocket ? JSONText.quoted(socketURL(request, workflowID: workflowID)) : "null"
            let data = #"{"netWssUrl":\#(socket),"taskId":\#(JSONText.quoted(taskID)),"clientId":"e825290b08ca2015b8f62f0bbdb5f5f6","taskStatus":\#(JSONText.quoted(configuration.initialStatus)),"promptTips":\#(JSONText.quoted(tips))}"#
            return reply(JSONText.envelope(code: 0, msg: "success", data: data))
        }
    }

    private func outputs(_ request: Request) async throws -> Response {
        let bytes = try await body(request)
        guard let body = JSONText.object(bytes), key(in: body) else { return reply(JSONText.envelope(code: 806, msg: "APIKEY_USER_NOT_FOUND")) }
        let taskID = JSONText.member(body, "taskId").trimmingCharacters(in: ["\""])
        guard let answer = await state.poll(taskID: taskID) else { return reply(JSONText.envelope(code: 807, msg: "APIKEY_TASK_NOT_FOUND")) }
        switch answer {
        case .drop:
            return dropped()
        case .phase(.queued):
            return reply(JSONText.envelope(code: 813, msg: "APIKEY_TASK_IS_QUEUED"))
        case .phase(.running):
            let data = configuration.progressSocket ? #"{"netWssUrl":\#(JSONText.quoted(socketURL(request, workflowID: "")))}"# : "null"
            return reply(JSONText.envelope(code: 804, msg: "APIKEY_TASK_IS_RUNNING", data: data))
        case .phase(.unknown(let raw)):
            return reply(raw)
        case .ended:
            switch configuration.ending {
            case .failure(let reason):
                return reply(JSONText.envelope(code: 805, msg: "APIKEY_TASK_STATUS_ERROR", data: #"{"failedReason":\#(reason)}"#))
            case .success:
                let base = baseURL(request)
                let items = configuration.outputs.map { output in
                    let url = output.path.hasPrefix("/") ? base + output.path : output.path
                    let node = output.nodeID.map { #","nodeId":\#(JSONText.quoted($0))"# } ?? ""
                    return #"{"fileUrl":\#(JSONText.quoted(url)),"fileType":\#(JSONText.quoted(output.fileType)),"taskCostTime":"0"\#(node)}"#
                }
                return reply(JSONText.envelope(code: 0, msg: "success", data: "[" + items.joined(separator: ",") + "]"))
            }
        }
    }

    private func status(_ body: [String: Any]) async -> String {
        let taskID = JSONText.member(body, "taskId").trimmingCharacters(in: ["\""])
        guard let status = await state.status(taskID: taskID) else { return JSONText.envelope(code: 807, msg: "APIKEY_TASK_NOT_FOUND") }
        return JSONText.envelope(code: 0, msg: "", data: JSONText.quoted(status))
    }

    /// v2: the key as a Bearer token; the business object itself, not an envelope.
    private func queueStatus(_ request: Request) async -> Response {
        await state.record(RecordedCall(method: "GET", uri: request.uri.description, headers: headers(request), body: ""))
        guard let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer "), configuration.apiKeys.contains(String(bearer.dropFirst(7))) else {
            return Response(status: .unauthorized, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"errorCode":"401","errorMessage":"invalid api key"}"#)))
        }
        let (running, queued) = await state.unfinishedCounts()
        let limit = configuration.concurrentLimit.map(String.init) ?? "null"
        return reply(#"{"apiKeyType":"NORMAL","concurrentLimit":\#(limit),"runningCount":\#(running),"queuedCount":\#(queued)}"#)
    }

    private func cancel(_ body: [String: Any]) async -> String {
        let taskID = JSONText.member(body, "taskId").trimmingCharacters(in: ["\""])
        return await state.cancel(taskID: taskID) ? JSONText.envelope(code: 0, msg: "success") : JSONText.envelope(code: 807, msg: "APIKEY_TASK_NOT_FOUND")
    }

    private func upload(_ request: Request) async throws -> Response {
        let bytes = try await body(request)
        guard let boundary = request.headers[.contentType].flatMap(MultipartParser.boundary) else {
            return reply(JSONText.envelope(code: 301, msg: "PARAMS_INVALID"))
        }
        let parts = MultipartParser.parts(bytes, boundary: boundary)
        var fields: [String: String] = [:]
        for part in parts where part.filename == nil { fields[part.name] = String(decoding: part.body, as: UTF8.self) }
        guard let key = fields["apiKey"], configuration.apiKeys.contains(key) else { return reply(JSONText.envelope(code: 806, msg: "APIKEY_USER_NOT_FOUND")) }
        guard let file = parts.first(where: { $0.name == "file" && $0.filename != nil }) else { return reply(JSONText.envelope(code: 808, msg: "APIKEY_UPLOAD_FAILED")) }
        if file.body.count > 30 << 20 { return reply(JSONText.envelope(code: 809, msg: "APIKEY_FILE_SIZE_EXCEEDED")) }
        if configuration.uploadDelay > .zero { try await Task.sleep(for: configuration.uploadDelay) }
        let ext = (file.filename! as NSString).pathExtension
        let stored = "api/" + String(format: "%016llx", UInt64(truncatingIfNeeded: file.body.hashValue)) + (ext.isEmpty ? "" : "." + ext)
        await state.record(RecordedUpload(fields: fields, filename: file.filename!, size: file.body.count, storedName: stored))
        return reply(JSONText.envelope(code: 0, msg: "success", data: #"{"fileName":\#(JSONText.quoted(stored)),"fileType":"input"}"#))
    }

    // MARK: Helpers

    /// Where the client reached us, so that URLs we hand out point back here.
    private func baseURL(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "127.0.0.1")
    }

    private func socketURL(_ request: Request, workflowID: String) -> String {
        let base = baseURL(request).replacingOccurrences(of: "http://", with: "ws://")
        return base + "/ws/c_instance?c_host=222.186.161.123&c_port=85&clientId=14caa1db2110a81629c101b9bb4cb0ce&workflowId=\(workflowID)&Rh-Comfy-Auth=\(configuration.socketCredential)"
    }

    private func reply(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Headers, then the connection closes before any body: the request arrived, its answer is lost.
    private func dropped() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .contentLength: "64"], body: ResponseBody { _ in throw DroppedAnswer() })
    }

    private func headers(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for field in request.headers { result[field.name.canonicalName.lowercased()] = field.value }
        return result
    }
}
