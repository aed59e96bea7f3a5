/// `GET /history/{id}`, `GET /history`, `POST /history`, with the history fault knobs applied to the GETs.
struct HistoryRoutes {
    let context: DoubleContext

    func entry(_ promptID: String) async -> HTTPReply {
        if let fault = await fault() { return fault }
        return .json(.object(await context.queue.historyEntry(promptID)))
    }

    func list(_ request: IncomingRequest) async -> HTTPReply {
        if let fault = await fault() { return fault }
        var maxItems: Int?
        if let text = request.queryValue("max_items") {
            guard let value = Int(text) else { return .internalError }
            maxItems = value
        }
        var offset = -1
        if let text = request.queryValue("offset") {
            guard let value = Int(text) else { return .internalError }
            offset = value
        }
        return .json(.object(await context.queue.historyEntries(maxItems: maxItems, offset: offset)))
    }

    func post(_ request: IncomingRequest) async -> HTTPReply {
        guard let body = request.json?.objectValue else { return .internalError }
        if let clear = body["clear"], WidgetConversion.truthiness(clear) { await context.queue.clearHistory() }
        for id in body["delete"]?.arrayValue ?? [] { await context.queue.deleteHistory(PythonRepr.str(id)) }
        return .status(200)
    }

    private func fault() async -> HTTPReply? {
        let faults = context.configuration.historyFaults
        if faults.responseDelay > .zero { try? await Task.sleep(for: faults.responseDelay) }
        return await context.queue.consumeHistoryFailure() ? .status(faults.failureStatus) : nil
    }
}
