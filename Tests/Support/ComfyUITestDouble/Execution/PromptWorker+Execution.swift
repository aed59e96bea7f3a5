/// `PromptExecutor.execute_async`: start, cache report, nodes in `ExecutionList` order, then success,
/// error or interrupt.
extension PromptWorker {
    /// Per-prompt state while its nodes run.
    struct RunState {
        var events: PromptEvents
        var registry = ProgressRegistry()
        var signatures: [String: String] = [:]
        var results: [String: [SimValue]] = [:]
        var uiOutputs = JSONObject()
        var executed: [String] = []
    }

    /// Executes a prompt; nil when the double is shutting down mid-prompt.
    func execute(_ item: QueueItem) async -> ExecutionRecord? {
        var run = RunState(events: PromptEvents(hub: context.hub, promptID: item.promptID, clientID: item.clientID))
        run.events.addMessage("execution_start", ["prompt_id": .string(item.promptID)], broadcast: false)
        let tags = await changeTags(for: item.prompt)
        var signer = NodeSignatures(prompt: item.prompt) { id, _ in tags[id] ?? nil }
        for id in item.prompt.keys { run.signatures[id] = signer.signature(of: id) }
        cache.keepOnly(Set(run.signatures.values))
        let cached = item.prompt.keys.filter { cache.entry(for: run.signatures[$0]!) != nil }
        for id in cached { run.results[id] = cache.entry(for: run.signatures[id]!)?.outputs }
        run.events.addMessage("execution_cached", ["nodes": .array(cached.map { .string($0) }), "prompt_id": .string(item.promptID)], broadcast: false)

        let catalog = context.catalog
        let prompt = item.prompt
        let cachedSet = Set(cached)
        var list = ExecutionList(
            prompt: prompt,
            isOutputNode: { catalog[prompt[$0]?["class_type"]?.stringValue ?? ""]?.isOutputNode ?? false },
            isCached: { cachedSet.contains($0) },
            isLazyInput: { id, name in
                if case .bool(true) = catalog[prompt[id]?["class_type"]?.stringValue ?? ""]?.input(named: name)?.options["lazy"] { return true }
                return false
            }
        )
        for output in item.outputs { list.add(output) }

        var succeeded = true
        while !list.isEmpty {
            guard let nodeID = list.next() else {
                reportError(NodeFailure(exceptionType: "comfy_execution.graph.DependencyCycleError", message: "Dependency cycle detected", traceback: []),
                            node: item.outputs.first ?? "", item: item, run: &run)
                succeeded = false
                break
            }
            do {
                try await executeNode(nodeID, item: item, run: &run)
            } catch ExecutionStop.interrupted {
                let classType = prompt[nodeID]?["class_type"] ?? .null
                run.events.addMessage("execution_interrupted", [
                    "prompt_id": .string(item.promptID), "node_id": .string(nodeID), "node_type": classType,
                    "executed": .array(run.executed.map { .string($0) }),
                ], broadcast: true)
                succeeded = false
                break
            } catch ExecutionStop.failed(let failure) {
                reportError(failure, node: nodeID, item: item, run: &run)
                succeeded = false
                break
            } catch {
                return nil
            }
            list.complete(nodeID)
        }
        if succeeded { run.events.addMessage("execution_success", ["prompt_id": .string(item.promptID)], broadcast: false) }
        return ExecutionRecord(succeeded: succeeded, messages: run.events.messages, outputs: run.uiOutputs)
    }

    /// `IS_CHANGED` per node: a fresh value for `SaveImageWebsocket` (never cached), the file's version for loaders.
    private func changeTags(for prompt: JSONObject) async -> [String: String?] {
        var tags: [String: String?] = [:]
        for (id, node) in prompt.entries {
            let classType = node["class_type"]?.stringValue ?? ""
            if classType == "SaveImageWebsocket" {
                tags[id] = String(random.next())
            } else if let fileInput = PromptValidator.fileInputs[classType], let name = node["inputs"]?[fileInput.input]?.stringValue {
                tags[id] = await context.files.contentTag(at: .input, path: RelativePath.normalize(name) ?? name) ?? "missing"
            }
        }
        return tags
    }

    private func reportError(_ failure: NodeFailure, node nodeID: String, item: QueueItem, run: inout RunState) {
        let inputs = resolveInputs(nodeID, prompt: item.prompt, results: run.results)
        run.events.addMessage("execution_error", [
            "prompt_id": .string(item.promptID), "node_id": .string(nodeID),
            "node_type": item.prompt[nodeID]?["class_type"] ?? .null,
            "executed": .array(run.executed.map { .string($0) }),
            "exception_message": .string(failure.message + "\n"), "exception_type": .string(failure.exceptionType),
            "traceback": .array(failure.traceback.map { .string($0) }),
            "current_inputs": inputs.formattedForErrors,
            "current_outputs": .array(item.prompt.keys.map { .string($0) }),
        ], broadcast: false)
    }

    func resolveInputs(_ nodeID: String, prompt: JSONObject, results: [String: [SimValue]]) -> NodeInputs {
        let classInfo = context.catalog[prompt[nodeID]?["class_type"]?.stringValue ?? ""]
        var values: [(String, NodeInputs.Value)] = []
        for (name, value) in prompt[nodeID]?["inputs"]?.objectValue?.entries ?? [] where classInfo?.input(named: name) != nil {
            if let link = ExecutionList.link(value) {
                let outputs = results[link.node] ?? []
                values.append((name, .linked(outputs.indices.contains(link.slot) ? outputs[link.slot] : .opaque("None"))))
            } else {
                values.append((name, .widget(value)))
            }
        }
        return NodeInputs(values: values)
    }
}
