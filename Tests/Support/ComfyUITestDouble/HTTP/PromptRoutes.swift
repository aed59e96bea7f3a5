import Foundation

/// `POST /prompt`, `GET /prompt`, `GET|POST /queue`, `POST /interrupt`, as `server.py` implements them.
struct PromptRoutes {
    let context: DoubleContext

    /// Keys ComfyUI moves out of `extra_data` before queueing (`SENSITIVE_EXTRA_DATA_KEYS`).
    static let sensitiveExtraDataKeys = ["api_key_comfy_org", "auth_token_comfy_org"]

    func postPrompt(_ request: IncomingRequest) async -> HTTPReply {
        guard let json = request.json else { return .internalError }
        let body = json.objectValue ?? [:]
        let number: JSONValue
        if let explicit = body["number"] {
            guard let value = explicit.numericValue ?? explicit.stringValue.flatMap(Double.init) else { return .internalError }
            number = .float(value)
        } else {
            number = await context.queue.assignNumber(front: body["front"].map(WidgetConversion.truthiness) ?? false)
        }
        guard let promptValue = body["prompt"] else {
            return .json(["error": ValidationResult.errorObject("no_prompt", "No prompt provided", details: "No prompt provided"), "node_errors": [:]], status: 400)
        }
        guard let prompt = promptValue.objectValue else { return .internalError }
        let promptID: String
        if context.configuration.servesJobsAPI, let given = body["prompt_id"], given != .null {
            guard let canonical = PromptIDForm.canonical(given) else { return Self.invalidPromptID }
            promptID = canonical
        } else {
            promptID = body["prompt_id"].map(PythonRepr.str) ?? context.newPromptID()
        }
        let partialTargets = body["partial_execution_targets"]?.arrayValue?.compactMap(\.stringValue)

        let existing = await existingFiles()
        let validator = PromptValidator(catalog: context.catalog, existingFiles: existing,
                                        forcedErrors: context.configuration.forcedValidationErrors, outputOrder: context.configuration.outputOrder)
        let result = validator.validate(prompt, partialTargets: partialTargets)
        var extraData = body["extra_data"]?.objectValue ?? [:]
        if let clientID = body["client_id"] { extraData["client_id"] = clientID }
        if let error = result.error {
            return .json(["error": error, "node_errors": .object(result.nodeErrors)], status: 400)
        }
        for key in Self.sensitiveExtraDataKeys { extraData[key] = nil }
        if context.configuration.servesJobsAPI { extraData["create_time"] = .integer(Int(Date().timeIntervalSince1970 * 1000)) }
        await context.queue.put(QueueItem(number: number, promptID: promptID, prompt: result.prompt, extraData: extraData, outputs: result.outputs))
        if let lost = context.consumeLostPromptAnswer() {
            return .text("\(lost.status) Bad Gateway", status: lost.status)
        }
        return .json(["prompt_id": .string(promptID), "number": number, "node_errors": .object(result.nodeErrors)])
    }

    /// Newer servers' answer to a `prompt_id` that is not a canonical lowercase UUID.
    static let invalidPromptID = HTTPReply.json([
        "error": [
            "type": "invalid_prompt_id", "message": "prompt_id must be a valid UUID",
            "details": "prompt_id must be a UUID string in canonical lowercase hyphenated form; omit it to let the server generate one",
            "extra_info": [:],
        ],
        "node_errors": [:],
    ], status: 400)

    func getPrompt() async -> HTTPReply {
        .json(["exec_info": ["queue_remaining": .integer(await context.queue.remaining)]])
    }

    func getQueue() async -> HTTPReply {
        let (running, pending) = await context.queue.currentQueue()
        return .json(["queue_running": .array(running.map(\.json)), "queue_pending": .array(pending.map(\.json))])
    }

    func postQueue(_ request: IncomingRequest) async -> HTTPReply {
        guard let body = request.json?.objectValue else { return .internalError }
        let delay = context.configuration.queuePostDelay
        if delay > .zero { try? await Task.sleep(for: delay) }
        if let clear = body["clear"], WidgetConversion.truthiness(clear) { await context.queue.clearPending() }
        for id in body["delete"]?.arrayValue ?? [] {
            if let id = id.stringValue { await context.queue.deletePending(id) }
        }
        return .status(200)
    }

    /// A `prompt_id` interrupts only if that prompt is running; no body, `{}` or bad JSON interrupts whatever runs.
    func postInterrupt(_ request: IncomingRequest) async -> HTTPReply {
        if let promptID = request.json?.objectValue?["prompt_id"], WidgetConversion.truthiness(promptID) {
            if await context.queue.isRunning(PythonRepr.str(promptID)) { await context.queue.requestInterrupt() }
        } else {
            await context.queue.requestInterrupt()
        }
        return .status(200)
    }

    private func existingFiles() async -> Set<String> {
        var keys: Set<String> = []
        for folder in FileFolder.allCases {
            for path in await context.files.paths(in: folder) { keys.insert(folder.rawValue + "/" + path) }
        }
        return keys
    }
}
