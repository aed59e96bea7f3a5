import ComfyKit
import ComfyKitHistory

/// Everything that can change the app's state.
enum Message: Sendable {
    case key(Key)
    /// A bracketed paste (`ESC[200~ … ESC[201~`): the pasted text, whole.
    case paste(String)
    /// The folder's files, named from the directory listing, each ``WorkflowEntry/Content/loading``: the list shows at once.
    case folderListed([WorkflowEntry])
    /// Some listed files read (ready or broken), as the scan gets through them.
    case entriesRead([WorkflowEntry])
    /// The whole scan: every entry read, RunningHub stubs resolved.
    case folderLoaded([WorkflowEntry])
    case folderFailed(String)
    /// A form's workflow file read again (^L), RunningHub stub resolved.
    case workflowReloaded(WorkflowEntry)
    case runEvent(runID: Int, RunEvent)
    /// The run's record in the run history, written before its first event is recorded.
    case runRecorded(runID: Int, recordID: String)
    /// The run goes on, but the history could not record it.
    case runNotRecorded(runID: Int, reason: String)
    /// Runs recorded as in flight where this session's runs go (an earlier session quit or was killed), oldest first.
    case inFlightFound([RunRecord])
    case inFlightLookupFailed(reason: String)
    /// A sweep left in flight: every prompt it recorded, in prompt order (ended ones too), and those it planned and
    /// never sent.
    case inFlightSweepFound(LeftSweep)
    /// Where a re-attached ComfyUI run can be followed, among this session's servers (or why it cannot be).
    case recordedRunPlaced(runID: Int, record: RunRecord, RecordedPromptPlace)
    /// What reaches the history screen: the runtime's answers from the run history.
    case history(HistoryMessage)
    /// RunningHub's answer to a task's cancel while quitting: `nil` when it confirmed it.
    case runningHubCancelled(runID: Int, failure: String?)
    /// The library ended the sweeps cancelled while quitting: their running prompts' interrupts were sent.
    case sweepsStopped(sweepIDs: [Int])
    case downloaded(runID: Int, paths: [String])
    case downloadFailed(runID: Int, reason: String)
    /// Bytes of one output file received so far (throttled by the runtime to whole percents).
    case downloadProgress(runID: Int, url: String, received: Int64, total: Int64?)
    /// One output file saved, with its path.
    case fileSaved(runID: Int, url: String, path: String)
    /// One output file that could not be downloaded.
    case fileFailed(runID: Int, url: String, reason: String)
    /// The folder watcher saw a workflow file or subfolder added, changed or removed.
    case folderChanged
    /// A mouse click on something the last frame marked as clickable.
    case clicked(ClickTarget)
    /// The mouse wheel, in notches; negative is up.
    case scrolled(by: Int)
    case resize(width: Int, height: Int)
    case serverProbed(ServerStatus)
    /// One of the other servers runs are routed over answered a probe (by index in ``AppState/servers``).
    case peerProbed(index: Int, ServerStatus)
    /// A run was sent to this server (with several servers, the one the router chose).
    case runRouted(runID: Int, server: String)
    /// A form's sweep planned by the library: every prompt's values, before anything is sent.
    case sweepPlanned(sweepID: Int, [SweepPlan.Point])
    /// A server the sweep passes over, and why.
    case sweepSkipped(server: String, reason: String)
    /// The sweep was refused before anything was sent.
    case sweepRefused(sweepID: Int, SweepRefusal)
    /// The runtime's clock, in seconds since it started; sent before the other messages of each loop turn.
    case clock(Double)
    /// The server's `GET /object_info`, read into choices and ranges.
    case objectInfoLoaded(ObjectInfo)
    case objectInfoFailed(reason: String)
    /// The catalog editor files are converted with; answers ``Effect/loadCatalog``.
    case catalogLoaded(WidgetCatalog)
    case catalogFailed(reason: String)
    /// The entries matching a media field's path at a Tab, for completion.
    case pathCandidates(workflowPath: String, field: String, text: String, candidates: [PathCandidate])
    /// A random seed for a seed field, drawn by the runtime (update stays deterministic).
    case seedDrawn(workflowPath: String, field: String, seed: Int)
    /// For the server-queue screen.
    case queue(QueueMessage)
}

/// Work the runtime does for `update`, reporting back with ``Message``s.
enum Effect: Hashable, Sendable {
    case loadFolder(path: String)
    /// Run the workflow as the form read it (not the file as it is now), with the form's params.
    case startRun(runID: Int, workflowPath: String, workflow: LoadedWorkflow, params: [String: ParamValue])
    /// Run a form's sweep through the library, as runs `sweepID` up (one per prompt); cancelled by
    /// ``cancelRun(runID:)`` of any of them.
    case startSweep(sweepID: Int, workflowPath: String, workflow: LoadedWorkflow, request: SweepRequest)
    /// Send the prompts a re-attached sweep planned and never sent, as runs `sweepID + index`; their records join
    /// the recorded sweep.
    case resumeSweep(sweepID: Int, resumed: ResumedSweep)
    /// Read a form's workflow file again; answered with ``Message/workflowReloaded(_:)``.
    case reloadWorkflow(path: String)
    case cancelRun(runID: Int)
    /// Cancel a RunningHub task in the cloud, waiting a bounded time; answered with ``Message/runningHubCancelled(runID:failure:)``.
    case cancelRunningHubTask(runID: Int, taskID: String)
    /// Wait for the library to end the cancelled sweeps (their prompts interrupted); answered with ``Message/sweepsStopped(sweepIDs:)``.
    case awaitSweepsStopped(sweepIDs: [Int])
    /// Read the runs matching a filter from the run history; answered with ``HistoryMessage/loaded(filter:records:total:)``.
    case loadHistory(RunFilter)
    /// Remove a run's record; answered with ``HistoryMessage/forgotten(id:)``.
    case forgetRecord(id: String)
    /// Download a recorded run's output files (noted in its record); answered with ``HistoryMessage/downloaded(id:paths:failures:)``.
    case downloadRecord(id: String, result: ExecuteResult)
    /// Look up the runs recorded as in flight; answered with ``Message/inFlightFound(_:)``.
    case reattachInFlight
    /// Follow a recorded run again where it ran, under this session's run id, recording its end.
    case followRecorded(runID: Int, record: RunRecord)
    /// Follow a recorded ComfyUI run on the server named `server`, where it was found.
    case followRecordedOn(runID: Int, record: RunRecord, server: String)
    case download(runID: Int, urls: [String])
    /// Save a text output as `NAME.txt` in the download folder; answered with ``Message/fileSaved(runID:url:path:)``
    /// (or ``Message/fileFailed(runID:url:reason:)``) under the output's `key`.
    case saveText(runID: Int, key: String, name: String, text: String)
    /// Save a submitted form's field texts so the next session prefills them.
    case rememberForm(workflowPath: String, values: [String: String])
    /// Fetch the server's `GET /object_info`; answered with ``Message/objectInfoLoaded(_:)`` or ``Message/objectInfoFailed(reason:)``.
    case fetchObjectInfo
    /// Read the catalog for editor files: the server's `/object_info`, else the copy kept on disk; answered with
    /// ``Message/catalogLoaded(_:)`` or ``Message/catalogFailed(reason:)``.
    case loadCatalog
    /// List the directory a media path points into; answered with ``Message/pathCandidates(workflowPath:field:text:candidates:)``.
    case completePath(workflowPath: String, field: String, text: String)
    /// Draw a random seed for a seed field; answered with ``Message/seedDrawn(workflowPath:field:seed:)``.
    case drawSeed(workflowPath: String, field: String)
    /// Put text on the terminal's clipboard (OSC 52).
    case copyToClipboard(String)
    /// Ask the server what it runs, queues and ran lately; answered with ``Message/queue(_:)``.
    case fetchServerQueue
    /// Note in a run's record the server it was sent to.
    case recordServer(recordID: String, server: String)
    case quit
}
