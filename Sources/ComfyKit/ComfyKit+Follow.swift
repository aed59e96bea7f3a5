import Foundation

extension ComfyKit {
    /// Follows a prompt already on this kit's ComfyUI server (submitted by an earlier process, say) to its
    /// end, as ``run(_:params:options:)-(Workflow,_,_)`` follows its own: queue position, progress when the
    /// server sends it to this kit's socket, and the result from `/history`.
    ///
    /// A prompt that has already ended ends at once with its outputs; one the server does not know (a
    /// restarted server keeps no queue) fails with ``ComfyUIError/promptLost(server:promptID:)``.
    ///
    /// ```swift
    /// let result = await kit.follow(promptID: record.promptID!, workflow: try record.workflow()).result
    /// ```
    public func follow(promptID: String, workflow: Workflow, options: RunOptions = RunOptions()) -> RunHandle {
        RunHandle.start { [self] control, emit in
            await follow(promptID: promptID, workflow: workflow, options: options, control: control, emit: emit)
        }
    }

    /// Follows a prompt another process submitted and left (quit, killed) with live node progress: ComfyUI sends
    /// progress only to the `clientId` a prompt was submitted under, so while the prompt is queued or running this
    /// follows it on a socket that takes over that id (a kit of its own, closed at the end); otherwise as
    /// ``follow(promptID:workflow:options:)``. Use it only for prompts whose submitter is gone: a live submitter's
    /// socket stops receiving while the id is taken over.
    public func follow(promptID: String, workflow: Workflow, takingOverItsClient: Bool, options: RunOptions = RunOptions()) -> RunHandle {
        RunHandle.start { [self] control, emit in
            let kind = options.executor ?? configuration.executor
            guard takingOverItsClient, kind == .websocket, let submitter = try? await client.submitter(of: promptID),
                  submitter != hub.clientID else {
                return await follow(promptID: promptID, workflow: workflow, options: options, control: control, emit: emit)
            }
            let following = ComfyKit(configuration: configuration, socketClientID: submitter)
            let outcome = await following.follow(promptID: promptID, workflow: workflow, options: options, control: control, emit: emit)
            await following.close()
            return outcome
        }
    }

    private func follow(
        promptID: String, workflow: Workflow, options: RunOptions, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void
    ) async -> RunOutcome {
        let spec: WorkflowSpec
        do {
            spec = try WorkflowSpec(workflow)
        } catch {
            return .failed(.spec(error), promptID: promptID)
        }
        // Subscribe first, so that no event between the look-up and the follow is missed.
        let kind = options.executor ?? configuration.executor
        let inbox = RunFollower.Inbox()
        var subscribed = false
        if kind == .websocket, await hub.ensureConnected() {
            await inbox.subscribe(to: hub, promptID: promptID)
            subscribed = true
        }
        if let ended = await endedOrLost(promptID, spec: spec) {
            if subscribed { await hub.unsubscribe(promptID: promptID) }
            return ended
        }
        emit(.submitted(promptID: promptID))
        var follower = RunFollower(
            client: client, queueReader: queueReader, promptID: promptID, workflow: workflow, spec: spec,
            inactivityTimeout: options.inactivityTimeout, executionTimes: subscribed ? nil : executionTimes, emit: emit)
        let outcome = await follower.follow(inbox, subscribed: subscribed, control: control)
        if subscribed { await hub.unsubscribe(promptID: promptID) }
        return outcome
    }

    /// The outcome of a prompt that is no longer queued or running: its history entry, else lost.
    /// `nil` while it is queued or running, or when the server cannot be asked (the follower then keeps trying).
    private func endedOrLost(_ promptID: String, spec: WorkflowSpec) async -> RunOutcome? {
        switch await PromptLookup(client: client, queueReader: queueReader).whereabouts(of: promptID) {
        case .waiting?, nil: nil
        case .ended(let entry)?:
            HistoryEntry(entry).outcome(base: client.server.baseURL, outputNames: spec.outputNames, promptID: promptID, duration: nil)
        case .unknown?: .failed(.server(.promptLost(server: client.server.description, promptID: promptID)), promptID: promptID)
        }
    }
}

extension ComfyKit {
    /// Follows a RunningHub task already created (by an earlier process, say) to its end, polling its state
    /// as ``run(_:params:options:)-(LoadedWorkflow,_,_)`` does; `workflow` is its cloud graph (for output names
    /// and progress). Cancelling the handle cancels the task on RunningHub.
    public func follow(runningHubTask taskID: String, workflow: Workflow, options: RunOptions = RunOptions()) -> RunHandle {
        RunHandle.start { [self] control, emit in
            await follow(runningHubTask: taskID, workflow: workflow, options: options, control: control, emit: emit)
        }
    }

    private func follow(
        runningHubTask taskID: String, workflow: Workflow, options: RunOptions, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void
    ) async -> RunOutcome {
        guard let runningHub, let created = CreatedTask(data: .object(["taskId": .string(taskID), "taskStatus": "QUEUED"])) else {
            return .failed(.runningHub(.missingAPIKey(site: configuration.runningHubBaseURL.absoluteString)), promptID: taskID)
        }
        let spec: WorkflowSpec
        do {
            spec = try WorkflowSpec(workflow)
        } catch {
            return .failed(.spec(error), promptID: taskID)
        }
        emit(.submitted(promptID: taskID))
        var follower = RunningHubFollower(
            client: runningHub, taskID: taskID, workflow: workflow, spec: spec,
            timeout: options.inactivityTimeout ?? configuration.runningHubTimeout, httpClient: httpClient, logger: logger, emit: emit)
        return await follower.follow(created, control: control)
    }
}
