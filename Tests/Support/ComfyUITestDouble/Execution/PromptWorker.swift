/// ComfyUI's `prompt_worker` thread: takes prompts in queue order and executes them one at a time,
/// keeping the output cache between prompts.
actor PromptWorker {
    let context: DoubleContext
    let simulator: NodeSimulator
    var cache = OutputCache()
    /// `PreviewImage`-like nodes draw a random temp prefix once per node object (kept per node id).
    var tempPrefixes: [String: String] = [:]
    var random: SplitMix64

    init(context: DoubleContext) {
        self.context = context
        self.simulator = NodeSimulator(catalog: context.catalog, files: context.files)
        self.random = SplitMix64(seed: context.configuration.seed)
    }

    /// Runs until the task is cancelled.
    func run() async {
        let wakeUps = await context.queue.wakeUps()
        var iterator = wakeUps.makeAsyncIterator()
        while !Task.isCancelled {
            if let (key, item) = await context.queue.take() {
                await process(key: key, item: item)
            } else if await iterator.next() == nil {
                return
            }
        }
    }

    private func process(key: Int, item: QueueItem) async {
        context.hub.setRunning(clientID: item.clientID, lastNodeID: nil)
        context.timestamps?.record(.started, promptID: item.promptID)
        guard let record = await execute(item) else { return }
        context.hub.setRunning(clientID: nil, lastNodeID: nil)
        let entry = Self.historyEntry(item, record)
        let end = OutgoingFrame.event("executing", ["node": nil, "prompt_id": .string(item.promptID)])
        let events = PromptEvents(hub: context.hub, promptID: item.promptID, clientID: item.clientID)
        let publishDelay = context.configuration.historyFaults.publishDelay
        if publishDelay > .zero {
            events.toSubmitter(end)
            try? await Task.sleep(for: publishDelay)
            await context.queue.finish(key: key, promptID: item.promptID, entry: entry)
        } else {
            await context.queue.finish(key: key, promptID: item.promptID, entry: entry)
            events.toSubmitter(end)
        }
        context.timestamps?.record(.finished, promptID: item.promptID)
    }

    static func historyEntry(_ item: QueueItem, _ record: ExecutionRecord) -> JSONValue {
        var meta = JSONObject()
        for id in record.outputs.keys {
            meta[id] = ["node_id": .string(id), "display_node": .string(id), "parent_node": nil, "real_node_id": .string(id)]
        }
        return [
            "prompt": item.json,
            "outputs": .object(record.outputs),
            "status": [
                "status_str": .string(record.succeeded ? "success" : "error"),
                "completed": .bool(record.succeeded),
                "messages": .array(record.messages),
            ],
            "meta": .object(meta),
        ]
    }

    /// `PreviewImage`'s `"_temp_" + 5 random letters` (ComfyUI's alphabet, which lacks `w`).
    func tempPrefix(for nodeID: String, classType: String) -> String {
        let key = nodeID + "/" + classType
        if let known = tempPrefixes[key] { return known }
        let alphabet = Array("abcdefghijklmnopqrstupvxyz")
        let suffix = String((0..<5).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        let prefix = "ComfyUI_temp_" + suffix
        tempPrefixes[key] = prefix
        return prefix
    }
}
