import Foundation

/// Everything the double remembers: calls, uploads, tasks and the fault counters.
actor DoubleState {
    let configuration: RunningHubDoubleConfiguration
    private(set) var calls: [RecordedCall] = []
    private(set) var uploads: [RecordedUpload] = []
    private(set) var socketQueries: [String] = []
    private(set) var tasks: [String: TaskRecord] = [:]
    private var nextTaskID: UInt64 = 1_910_246_754_753_896_450
    private var creates = 0
    /// The most tasks that were queued or running at once (the client's respect of the concurrency limit).
    private(set) var mostUnfinished = 0
    private var polls = 0

    struct TaskRecord: Sendable {
        let workflowID: String
        let nodeInfoList: String
        var polls = 0
        var cancelled = false
    }

    init(configuration: RunningHubDoubleConfiguration) { self.configuration = configuration }

    func record(_ call: RecordedCall) { calls.append(call) }
    func record(_ upload: RecordedUpload) { uploads.append(upload) }
    func recordSocket(query: String) { socketQueries.append(query) }

    /// What the n-th `create` does.
    enum CreateAction { case queueFull, create(taskID: String, dropAnswer: Bool) }

    func create(workflowID: String, nodeInfoList: String) -> CreateAction {
        creates += 1
        if creates <= configuration.queueFullCreates { return .queueFull }
        nextTaskID += 1
        let id = String(nextTaskID)
        tasks[id] = TaskRecord(workflowID: workflowID, nodeInfoList: nodeInfoList)
        let (running, queued) = unfinishedCounts()
        mostUnfinished = max(mostUnfinished, running + queued)
        let dropped = creates - configuration.queueFullCreates <= configuration.droppedCreateAnswers
        return .create(taskID: id, dropAnswer: dropped)
    }

    /// What one `outputs` poll sees: `nil` for an unknown task, `.drop` for an injected network error.
    enum PollAnswer { case drop, phase(RunningHubDoubleConfiguration.TaskPhase), ended }

    func poll(taskID: String) -> PollAnswer? {
        guard var task = tasks[taskID] else { return nil }
        polls += 1
        if polls <= configuration.droppedPolls { return .drop }
        defer { task.polls += 1; tasks[taskID] = task }
        return task.polls < configuration.phases.count ? .phase(configuration.phases[task.polls]) : .ended
    }

    /// The state `status` reports, without advancing the task.
    func status(taskID: String) -> String? {
        guard let task = tasks[taskID] else { return nil }
        guard task.polls < configuration.phases.count else {
            if case .failure = configuration.ending { return "FAILED" }
            return "SUCCESS"
        }
        return configuration.phases[task.polls] == .queued ? "QUEUED" : "RUNNING"
    }

    /// Tasks not ended nor cancelled: those whose next answer is running, and those whose next answer is queued.
    func unfinishedCounts() -> (running: Int, queued: Int) {
        var counts = (running: 0, queued: 0)
        for task in tasks.values where !task.cancelled && task.polls < configuration.phases.count {
            if configuration.phases[task.polls] == .queued { counts.queued += 1 } else { counts.running += 1 }
        }
        return counts
    }

    func cancel(taskID: String) -> Bool {
        guard tasks[taskID] != nil else { return false }
        tasks[taskID]?.cancelled = true
        return true
    }
}
