import AsyncHTTPClient
import Foundation
import Logging

/// Runs jobs on RunningHub: upload, create the task, follow it by polling (its socket as a progress hint).
struct RunningHubExecutor: Executor {
    let client: RunningHubClient
    let workflowID: RunningHubWorkflowID
    /// The whole task's limit when the run sets none; `nil` waits as long as it runs.
    let defaultTimeout: Duration?
    let instanceType: String?
    let httpClient: HTTPClient
    let logger: Logger
    /// A ComfyUI graph routed here: it is sent whole (`create`'s `workflow`, which overrides the stored
    /// ``workflowID``'s graph) with its values written in, instead of as values for the stored graph.
    var routesGraph = false

    func execute(_ job: ExecutionJob, control: RunControl, emit: @escaping @Sendable (RunEvent) -> Void) async -> RunOutcome {
        var job = job
        let media = RunningHubMediaStore(client: client, httpClient: httpClient)
        if let failure = await job.uploadMedia(to: media, control: control, emit: emit) { return .failed(failure) }
        // Last chance to stop for free: after `create` the task is paid for.
        if await control.isCancelled { return .failed(.interrupted(node: nil)) }

        let request = routesGraph
            ? CreateRequest(workflowID: workflowID, instanceType: instanceType, webhookURL: job.options.webhookURL, workflowOverride: job.bound.workflow)
            : CreateRequest(
                workflowID: workflowID, nodeInfoList: NodeInfoList.entries(job.bound, spec: job.spec, given: job.givenParams),
                instanceType: instanceType, webhookURL: job.options.webhookURL)
        let task: CreatedTask
        do {
            task = try await client.create(request)
        } catch let error as ValidationError {
            return .failed(.validation(error.attributing(to: job.spec)))
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
            return .failed(.validation(invalid.attributing(to: job.spec)), promptID: task.taskID)
        }
        var follower = RunningHubFollower(
            client: client, taskID: task.taskID, workflow: job.workflow, spec: job.spec,
            timeout: job.options.inactivityTimeout ?? defaultTimeout, httpClient: httpClient, logger: logger, emit: emit)
        return await follower.follow(task, control: control)
    }
}
