import Foundation

/// One workflow run on ComfyUI: bind, upload, submit, follow, collect (spec §3, anchors §E.5).
struct ComfyUIRun: Sendable {
    let client: ComfyUIClient
    let queueReader: SharedQueueReader
    /// The shared socket; `nil` runs the HTTP executor (polling only).
    let hub: EventHub?
    let uploader: MediaUploader
    let workflow: Workflow
    let spec: WorkflowSpec
    let values: [String: ParamValue]
    let options: RunOptions
    let control: RunControl
    let emit: @Sendable (RunEvent) -> Void

    func run() async -> RunOutcome {
        var bound: BoundWorkflow
        do {
            bound = try ParamBinder.bind(workflow, spec: spec, values: values, options: options.bind)
        } catch {
            return RunOutcome.failed(.params(error))
        }
        for upload in bound.uploads {
            if await control.isCancelled { return .failed(.interrupted(node: nil)) }
            let shown = switch upload.reference {
            case .localFile(let path): path
            case .remote(let url): url.redactedForDisplay
            case .serverFile(let name): name
            }
            emit(.uploading(param: upload.param, file: shown))
            do {
                bound.resolve(upload, storedAs: try await uploader.upload(upload.reference, param: upload.param))
            } catch {
                return .failed(error)
            }
        }
        if await control.isCancelled { return .failed(.interrupted(node: nil)) }

        // Subscribe before submitting, under an id we choose, so that no event can be missed.
        let requestedID = UUID().uuidString.lowercased()
        var events: AsyncStream<SocketItem>? = nil
        var clientID = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        if let hub, await hub.ensureConnected() {
            clientID = hub.clientID
            events = await hub.subscribe(promptID: requestedID)
        }
        let submission: ComfyUIClient.Submission
        do {
            submission = try await client.submit(prompt: bound.workflow.promptJSON, clientID: clientID, promptID: requestedID)
        } catch let error as ValidationError {
            await hub?.unsubscribe(promptID: requestedID)
            return .failed(.validation(error.attributing(to: spec)))
        } catch let error as ComfyUIError {
            await hub?.unsubscribe(promptID: requestedID)
            return .failed(.server(error))
        } catch {
            await hub?.unsubscribe(promptID: requestedID)
            return .failed(.server(.unreachable(server: client.server.description, reason: "\(error)")))
        }
        let promptID = submission.promptID
        if promptID != requestedID { await hub?.rekey(from: requestedID, to: promptID) }
        emit(.submitted(promptID: promptID))
        if let dropped = submission.droppedOutputs { emit(.outputsDropped(dropped.attributing(to: spec))) }

        var follower = RunFollower(
            client: client, queueReader: queueReader, promptID: promptID, workflow: bound.workflow, spec: spec,
            inactivityTimeout: options.inactivityTimeout, emit: emit)
        let outcome = await follower.follow(events: events, control: control)
        await hub?.unsubscribe(promptID: promptID)
        return outcome
    }
}

extension RunOutcome {
    /// A run that ended before or at submission.
    static func failed(_ failure: RunFailure, promptID: String? = nil, duration: Double? = nil) -> RunOutcome {
        RunOutcome(result: ExecuteResult(status: failure.status, promptID: promptID, duration: duration, msg: failure.description), failure: failure)
    }
}
