import AsyncHTTPClient
import Foundation
import Logging

/// One run of a RunningHub workflow: read its graph and DSL, bind, upload, create, follow, collect.
struct RunningHubRun: Sendable {
    let client: RunningHubClient
    let workflowID: RunningHubWorkflowID
    /// The cloud graph when the caller already fetched it (``ComfyKit/load(_:)``).
    let graph: Workflow?
    let values: [String: ParamValue]
    let options: RunOptions
    /// The whole task's limit; `nil` waits as long as it runs.
    let timeout: Duration?
    let instanceType: String?
    let httpClient: HTTPClient
    let control: RunControl
    let logger: Logger
    let emit: @Sendable (RunEvent) -> Void

    func run() async -> RunOutcome {
        let workflow: Workflow
        if let graph {
            workflow = graph
        } else {
            do {
                workflow = try await client.workflow(workflowID)
            } catch {
                return .failed(.runningHub(error))
            }
        }
        let spec: WorkflowSpec
        do {
            spec = try WorkflowSpec(workflow)
        } catch {
            return .failed(.spec(error))
        }
        var bound: BoundWorkflow
        do {
            bound = try ParamBinder.bind(workflow, spec: spec, values: values, options: options.bind)
        } catch {
            return .failed(.params(error))
        }
        if let failure = await upload(into: &bound) { return .failed(failure) }
        // Last chance to stop for free: after `create` the task is paid for.
        if await control.isCancelled { return .failed(.interrupted(node: nil)) }

        let request = CreateRequest(
            workflowID: workflowID, nodeInfoList: NodeInfoList.entries(bound, spec: spec, given: Set(values.keys)),
            instanceType: instanceType, webhookURL: options.webhookURL)
        let task: CreatedTask
        do {
            task = try await client.create(request)
        } catch let error as ValidationError {
            return .failed(.validation(error.attributing(to: spec)))
        } catch let error as RunningHubError {
            return .failed(.runningHub(error))
        } catch {
            return .failed(.unsupported("\(error)"))
        }
        logger.debug("RunningHub task created", metadata: ["task": "\(task.taskID)", "workflow": "\(workflowID)"])
        emit(.submitted(promptID: task.taskID))
        if let invalid = task.validationError {
            // Nothing of it can run: don't leave it waiting in the queue.
            try? await client.cancel(task.taskID)
            return .failed(.validation(invalid.attributing(to: spec)), promptID: task.taskID)
        }
        var follower = RunningHubFollower(
            client: client, taskID: task.taskID, workflow: workflow, spec: spec, timeout: timeout,
            httpClient: httpClient, logger: logger, emit: emit)
        return await follower.follow(task, control: control)
    }
}

extension RunningHubRun {
    /// Uploads each media param and writes its stored name into its bindings; the failure, if any.
    private func upload(into bound: inout BoundWorkflow) async -> RunFailure? {
        let uploader = RunningHubMediaUploader(client: client, httpClient: httpClient)
        for upload in bound.uploads {
            if await control.isCancelled { return .interrupted(node: nil) }
            emit(.uploading(param: upload.param, file: upload.reference.shown))
            do {
                bound.resolve(upload, storedAs: try await uploader.upload(upload.reference, param: upload.param))
            } catch {
                return error
            }
        }
        return nil
    }
}

extension MediaReference {
    /// How the reference is shown in events: URLs without query or user info.
    var shown: String {
        switch self {
        case .localFile(let path): path
        case .remote(let url): url.redactedForDisplay
        case .serverFile(let name): name
        }
    }
}
