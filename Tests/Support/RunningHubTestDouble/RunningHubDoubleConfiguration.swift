import Foundation
import Logging

/// What a RunningHub double answers (RunningHub's v1 OpenAPI), and which faults it injects.
public struct RunningHubDoubleConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// Keys this site knows; any other key gets 806 `APIKEY_USER_NOT_FOUND` (a key of the other site).
    public var apiKeys: Set<String> = ["rh-test-key"]
    /// Cloud workflows by id: the API-format JSON text `getJsonApiFormat` returns as `data.prompt`.
    public var workflows: [String: String] = [:]
    /// `create`'s `taskStatus`: `QUEUED` or `RUNNING`.
    public var initialStatus = "QUEUED"
    /// The answer to each `outputs` poll in turn, before the task ends.
    public var phases: [TaskPhase] = [.queued, .running, .running]
    /// How the task ends after the phases.
    public var ending: Ending = .success
    /// The finished task's files; a `fileUrl` starting with `/` is served by the double (its "CDN").
    public var outputs: [Output] = [Output(path: "/cdn/output/ComfyUI_00033_hpgko_1742822929.png", fileType: "png", nodeID: "9")]
    /// `create`'s `promptTips` (a JSON string); `nil` gives a passing validation.
    public var promptTips: String?
    /// Answer `create` with 433 `VALIDATE_PROMPT_FAILED` and ``promptTips`` instead of creating a task.
    public var rejectCreate = false
    /// The first N `create` calls answer 421 `TASK_QUEUE_MAXED` (nothing is created).
    public var queueFullCreates = 0
    /// The first N `create` calls create the task, then drop the connection before the answer.
    public var droppedCreateAnswers = 0
    /// The first N `outputs` polls are dropped without an answer (a network error while polling).
    public var droppedPolls = 0
    /// `GET /openapi/v2/queue/status`'s `concurrentLimit`: how many tasks the key may run at once (`nil`: not said).
    public var concurrentLimit: Int? = 1
    /// Every upload waits this long before answering.
    public var uploadDelay: Duration = .zero
    /// Once running, give a `netWssUrl` whose socket sends ComfyUI progress frames.
    public var progressSocket = false
    /// The credential in `netWssUrl`'s query (`Rh-Comfy-Auth`).
    public var socketCredential = "eyJ1c2VySWQiOiJkb3VibGUifQ%3D%3D"
    /// Steps the socket reports for the sampler node.
    public var progressSteps = 4
    public var logger: Logger = {
        var logger = Logger(label: "runninghub-double")
        logger.logLevel = .critical
        return logger
    }()

    public init() {}

    /// One answer to `outputs` while the task is not finished.
    public enum TaskPhase: Sendable, Hashable {
        /// 813 `APIKEY_TASK_IS_QUEUED`.
        case queued
        /// 804 `APIKEY_TASK_IS_RUNNING`.
        case running
        /// An answer that is not a documented state: this raw JSON.
        case unknown(String)
    }

    public enum Ending: Sendable, Hashable {
        /// Code 0 with ``outputs``.
        case success
        /// 805 `APIKEY_TASK_STATUS_ERROR` with this `failedReason` object (JSON text).
        case failure(failedReason: String)
    }

    public struct Output: Sendable, Hashable {
        public var path: String
        public var fileType: String
        public var nodeID: String?
        public init(path: String, fileType: String, nodeID: String?) {
            self.path = path
            self.fileType = fileType
            self.nodeID = nodeID
        }
    }

    /// The `failedReason` of RunningHub's documented 805 (task failed) example, verbatim.
    public static let documentedFailedReason = #"{"current_outputs": "{}", "exception_type": "TypeError", "node_name": "SONIC_PreData", "current_inputs": "{}", "traceback": "[\"  File \\\"/workspace/ComfyUI/execution.py\\\", line 1208, in execute\\n …\"]", "node_id": "276", "exception_message": "SONIC_PreData.sampler_main() missing 2 required positional arguments: 'clip_vision' and 'vae'"}"#
}
