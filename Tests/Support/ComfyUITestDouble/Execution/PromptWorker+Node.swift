/// One node's turn, in the event order the recordings show:
/// `progress_state` (running), `executing`, [progress / previews / TEXT], [`executed`], `progress_state` (finished).
extension PromptWorker {
    func executeNode(_ nodeID: String, item: QueueItem, run: inout RunState) async throws {
        let classType = item.prompt[nodeID]?["class_type"]?.stringValue ?? ""
        let configuration = context.configuration
        let signature = run.signatures[nodeID] ?? nodeID
        if let cached = cache.entry(for: signature) {
            run.results[nodeID] = cached.outputs
            run.events.toSubmitter(.event("executed", ["node": .string(nodeID), "display_node": .string(nodeID),
                                                       "output": cached.ui.map { .object($0) } ?? .null, "prompt_id": .string(item.promptID)]))
            if let ui = cached.ui { run.uiOutputs[nodeID] = .object(ui) }
            run.registry.finish(nodeID)
            sendProgressState(run)
            return
        }

        run.registry.start(nodeID)
        sendProgressState(run)
        if run.events.clientID != nil { context.hub.setLastNode(nodeID) }
        run.events.toSubmitter(.event("executing", ["node": .string(nodeID), "display_node": .string(nodeID), "prompt_id": .string(item.promptID)]))
        try await checkInterrupt()

        let inputs = resolveInputs(nodeID, prompt: item.prompt, results: run.results)
        if let forced = configuration.forcedExecutionErrors.value(forNode: nodeID, classType: classType) {
            throw ExecutionStop.failed(NodeFailure(exceptionType: forced.exceptionType, message: forced.message,
                                                   traceback: PythonTraceback.nodeException(file: "comfykit_double.py", line: 1, function: "injected",
                                                                                            statement: "raise \(forced.exceptionType)(\(PythonRepr.string(forced.message)))")))
        }
        var outcome: NodeOutcome
        do {
            outcome = try await simulator.simulate(nodeID: nodeID, classType: classType, inputs: inputs, tempPrefix: tempPrefix(for: nodeID, classType: classType))
        } catch {
            throw ExecutionStop.failed(error)
        }
        try await Task.sleep(for: configuration.nodeDurations.value(forNode: nodeID, classType: classType) ?? configuration.nodeDuration)
        if let steps = configuration.progressSteps.value(forNode: nodeID, classType: classType) {
            outcome.progress = .counting(to: steps, preview: outcome.progress?.preview ?? .none)
        }
        if let plan = outcome.progress { try await reportProgress(plan, nodeID: nodeID, run: &run) }
        if let text = outcome.progressText { context.hub.send(.progressText(text, nodeID: nodeID), to: .everyone) }

        var ui = JSONObject()
        if let save = outcome.save { ui = await write(save) }
        if let text = outcome.text { ui["text"] = .array(text.map { .string($0) }) }
        if !ui.isEmpty {
            run.uiOutputs[nodeID] = .object(ui)
            run.events.toSubmitter(.event("executed", ["node": .string(nodeID), "display_node": .string(nodeID),
                                                       "output": .object(ui), "prompt_id": .string(item.promptID)]))
        }
        run.executed.append(nodeID)
        run.results[nodeID] = outcome.outputs
        cache.store(OutputCache.Entry(outputs: outcome.outputs, ui: ui.isEmpty ? nil : ui), for: signature)
        run.registry.finish(nodeID)
        sendProgressState(run)
    }

    private func sendProgressState(_ run: RunState) {
        run.events.toSubmitterOrEveryone(.event("progress_state", run.registry.payload(promptID: run.events.promptID)))
    }

    private func checkInterrupt() async throws {
        if await context.queue.isInterruptRequested { throw ExecutionStop.interrupted }
    }

    /// Each step: interrupt check, `progress_state`, type-4 preview, `progress`, type-1 preview (main.py's hook order).
    private func reportProgress(_ plan: ProgressPlan, nodeID: String, run: inout RunState) async throws {
        let previews = previewImages(for: plan.preview)
        let metadataPreviews = run.events.submitterWantsMetadataPreviews
        // Steps keep to a schedule rather than sleeping a fixed time each, so sub-millisecond intervals
        // give the configured rate (a benchmark asks for 2,000 steps/s) instead of interval + wake-up cost.
        let interval = context.configuration.progressStepInterval
        var due = ContinuousClock.now
        for (step, value) in plan.values.enumerated() {
            let every = context.configuration.previews.everySteps
            let preview = previews.isEmpty || (step + 1) % every != 0 ? nil : previews[(step / every) % previews.count]
            due += interval
            try await Task.sleep(until: due, clock: .continuous)
            try await checkInterrupt()
            run.registry.update(nodeID, value: value, max: plan.max)
            sendProgressState(run)
            if let preview, metadataPreviews {
                run.events.toSubmitter(.previewWithMetadata(preview, nodeID: nodeID, promptID: run.events.promptID))
            }
            run.events.toSubmitterOrEveryone(.event("progress", ["value": .integer(value), "max": .integer(plan.max),
                                                                 "prompt_id": .string(run.events.promptID), "node": .string(nodeID)]))
            if let preview, !metadataPreviews { run.events.toSubmitterOrEveryone(.preview(preview)) }
        }
    }

    /// The preview each step sends, in turn: a sampler's recorded JPEG frames when configured (cycling), else one
    /// small grey JPEG; an image node's PNG.
    private func previewImages(for kind: ProgressPlan.Preview) -> [PreviewImage] {
        let size = context.configuration.previews.imageSize
        switch kind {
        case .none: return []
        case .sampler:
            guard context.configuration.previews.enabled else { return [] }
            if let recorded = context.configuration.previews.recordedFrames, !recorded.isEmpty {
                return recorded.map { PreviewImage(format: .jpeg, bytes: $0) }
            }
            let base = ImageEncoder.greyJPEG()
            return [PreviewImage(format: .jpeg, bytes: ImageEncoder.greyJPEG(padding: max(0, (size ?? base.count) - base.count)))]
        case .image(let width, let height, let rgb):
            let media = ProducedMedia(kind: .png(width: width, height: height, rgb: rgb), size: size)
            return [PreviewImage(format: .png, bytes: media.chunks().flatMap { $0 })]
        }
    }

    /// A saved file's bytes: the configured image output for a PNG when there is one, a real video or sound from the
    /// fixtures when the test did not ask for a size, else produced on the fly.
    private func content(of save: SaveRequest) -> StoredContent {
        let configuration = context.configuration
        if case .png = save.media, let image = configuration.imageOutput { return .bytes(image) }
        if configuration.producedFileSize == nil, case .other(let fileExtension) = save.media,
           let fixture = configuration.outputFixture(forExtension: fileExtension) {
            return .bytes(fixture)
        }
        return .produced(ProducedMedia(kind: save.media, size: configuration.producedFileSize))
    }

    /// Names and stores the files an output node writes, returning its UI dict.
    private func write(_ save: SaveRequest) async -> JSONObject {
        let normalized = RelativePath.normalize(save.prefix) ?? save.prefix
        let parts = normalized.split(separator: "/", omittingEmptySubsequences: false)
        let base = parts.last.map(String.init) ?? "ComfyUI"
        let subfolder = parts.dropLast().joined(separator: "/")
        let counter = await context.files.nextCounter(folder: save.folder, subfolder: subfolder, prefix: base)
        var items: [JSONValue] = []
        for index in 0..<save.count {
            let number = String(counter + index)
            let filename = "\(base)_\(String(repeating: "0", count: max(0, 5 - number.count)) + number)_.\(save.fileExtension)"
            let path = subfolder.isEmpty ? filename : subfolder + "/" + filename
            await context.files.store(content(of: save), at: save.folder, path: path)
            items.append(["filename": .string(filename), "subfolder": .string(subfolder), "type": .string(save.folder.rawValue)])
        }
        var ui: JSONObject = [save.uiKey: .array(items)]
        if save.animated { ui["animated"] = [true] }
        return ui
    }
}
