import Foundation

/// Runs jobs on one ComfyUI server: upload, submit, follow (socket events as hints, `/history` as the truth).
struct ComfyUIExecutor: Executor {
    let client: ComfyUIClient
    let queueReader: SharedQueueReader
    /// The shared socket; `nil` runs the HTTP executor (polling only).
    let hub: EventHub?
    let media: ComfyUIMediaStore
    /// The kit's execution times by workflow, which the HTTP executor polls around.
    var executionTimes = ExecutionTimes()

    func execute(_ job: ExecutionJob, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome {
        var job = job
        if let failure = await job.uploadMedia(to: media, control: control, emit: emit) { return .failed(failure) }
        if await control.isCancelled { return .failed(.interrupted(node: nil)) }

        // Subscribe before submitting, under an id we choose, so that no event can be missed.
        let requestedID = job.promptID ?? UUID.systemRandom().uuidString.lowercased()
        let inbox = RunFollower.Inbox()
        var subscribed = false
        let clientID: String
        if let hub, await hub.ensureConnected() {
            clientID = hub.clientID
            await inbox.subscribe(to: hub, promptID: requestedID)
            subscribed = true
        } else {
            clientID = UUID.systemRandom().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }
        let submission: ComfyUIClient.Submission
        do {
            submission = try await submit(job.bound.workflow.promptJSON, clientID: clientID, promptID: requestedID)
        } catch {
            await hub?.unsubscribe(promptID: requestedID)
            return .failed(failure(submitting: error, spec: job.spec))
        }
        let promptID = submission.promptID
        if promptID != requestedID { await hub?.rekey(from: requestedID, to: promptID) }
        emit(.submitted(promptID: promptID))
        if let dropped = submission.droppedOutputs { emit(.outputsDropped(dropped.attributing(to: job.spec))) }

        var follower = RunFollower(
            client: client, queueReader: queueReader, promptID: promptID, workflow: job.bound.workflow, spec: job.spec,
            inactivityTimeout: job.options.inactivityTimeout, executionTimes: subscribed ? nil : executionTimes,
            reportsPosition: job.reportsQueuePosition, emit: emit)
        let outcome = await follower.follow(inbox, subscribed: subscribed, control: control)
        await hub?.unsubscribe(promptID: promptID)
        return outcome
    }

    /// `POST /prompt`, sent at most once per prompt the server has: when the answer is lost (no answer, a
    /// reset, a 5xx), the server is asked whether it queued `promptID` before the prompt is sent again.
    private func submit(_ prompt: JSONValue, clientID: String, promptID: String) async throws -> ComfyUIClient.Submission {
        let pauses: [Duration] = [.milliseconds(200), .seconds(1), .seconds(3)]
        var attempt = 0
        while true {
            do {
                return try await client.submit(prompt: prompt, clientID: clientID, promptID: promptID)
            } catch let error as ComfyUIError where attempt < pauses.count && Self.answerMayBeLost(error) {
                if await isKnown(promptID) { return ComfyUIClient.Submission(promptID: promptID, number: 0, droppedOutputs: nil) }
                try await Task.sleep(for: pauses[attempt])
                attempt += 1
                // The server may have answered the look-up late: ask once more right before sending again.
                if await isKnown(promptID) { return ComfyUIClient.Submission(promptID: promptID, number: 0, droppedOutputs: nil) }
            }
        }
    }

    /// A failure after which the prompt may have been queued: no answer, or a server-side error status.
    private static func answerMayBeLost(_ error: ComfyUIError) -> Bool {
        switch error {
        case .answerLost: true
        case .http(_, let status, _): status >= 500
        case .unreachable, .badResponse, .promptLost: false
        }
    }

    /// Whether the server has `promptID` queued, running or finished; `false` when it cannot say.
    private func isKnown(_ promptID: String) async -> Bool {
        switch await PromptLookup(client: client, queueReader: queueReader).whereabouts(of: promptID) {
        case .waiting?, .ended?: true
        case .unknown?, nil: false
        }
    }

    /// Why `POST /prompt` failed: the server's validation errors pointed at DSL params, or the server itself.
    private func failure(submitting error: any Error, spec: WorkflowSpec) -> RunFailure {
        switch error {
        case let error as ValidationError: .validation(error.attributing(to: spec))
        case let error as ComfyUIError: .server(error)
        default: .server(.unreachable(server: client.server.description, reason: "\(error)"))
        }
    }
}
