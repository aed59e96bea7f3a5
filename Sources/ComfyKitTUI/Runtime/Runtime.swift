import ComfyKit
import ComfyKitHistory
import ComfyKitPictures
import Foundation
import Logging

/// The loop: read the waiting input (a burst of keys, a paste), apply messages, perform effects, render, draw the changed cells.
///
/// Curses is called from this loop's thread only; runs and scans are tasks that post to the ``Inbox``,
/// so a run in flight never blocks typing.
final class Runtime {
    private var state: AppState
    private let kit: ComfyKit
    private let downloadFolder: URL
    /// Where every run is recorded; `nil` with `--no-history` or when the file cannot be opened.
    private let history: RunHistory?
    private let logger: Logger
    private let inbox = Inbox()
    /// The file system as ``AppState/update(_:_:)`` may ask it.
    private let environment = TUIEnvironment.live
    /// Set while ``run(on:)`` runs, for effects that write to the terminal (the clipboard).
    private var terminal: (any TerminalBackend)?
    /// The quit signal that ended the loop, if one did.
    private var quitSignal: Int32?
    /// Started after the first frame (it walks the folder's subfolders); `nil` without inotify.
    private var watcher: FolderWatcher?
    private var hasStartedWatcher = false
    private var handles: [Int: RunHandle] = [:]
    /// The form's sweeps being followed, by sweep id (their first run's id), with how many runs they hold.
    private var sweeps: [Int: (task: Task<Void, Never>, prompts: Int)] = [:]
    private var isRunning = true
    /// At most one probe in flight, started no sooner than ``probeInterval`` after the last one: idle CPU matters.
    /// Makes the pictures a frame places, off the loop; `nil` with pictures off.
    private var pictureStage: PictureStage?
    /// The graphics on the terminal, erased and written as frames change.
    private var pictureLayer = PictureLayer(erasure: .repaintCells)
    private var isProbing = false
    /// One kit per other server runs are routed over, only to probe it for the header (index + 1 in ``AppState/servers``).
    private let peerProbes: [ComfyKit]
    /// RunningHub's index in ``AppState/servers`` when runs are routed there too: probed for its tasks.
    private let runningHubLine: Int?
    /// The other servers with a probe in flight, by index in ``AppState/servers``.
    private var peersProbing: Set<Int> = []
    private var nextProbe = ContinuousClock.now
    private static let probeInterval = Duration.seconds(2)
    private var memoryTrim = IdleMemoryTrim()

    init(state: AppState, kit: ComfyKit, downloadFolder: URL, history: RunHistory? = nil, logger: Logger = Logger(label: "comfykit-tui"),
         peerProbes: [ComfyKit] = []) {
        self.state = state
        self.kit = kit
        self.peerProbes = peerProbes
        runningHubLine = kit.routesToRunningHub ? state.servers.firstIndex { $0.name == ServerReference.runningHubName } : nil
        self.downloadFolder = downloadFolder
        self.history = history
        self.logger = logger
    }

    /// How pictures are shown this session, decided before the first frame; `cellSize` fits them to the cells.
    func showPictures(_ choice: PictureChoice, cellSize: CellSize = .fallback) {
        state.pictures = PictureDisplay(picture: choice.picture, reason: choice.reason)
        guard choice.picture != .off else { return }
        pictureStage = PictureStage(choice: choice, cellSize: cellSize, fetcher: OutputFetcher(kit: kit))
        pictureLayer = PictureLayer(erasure: choice.picture == .kitty ? .kittyDelete(passthrough: choice.passthrough) : .repaintCells)
    }

    /// What the app has to say once the screen is gone (``AppState/farewell``).
    var farewell: [String] { state.farewell }

    /// Runs until `q`, ^C or a quit signal; returns the signal when one ended it.
    @discardableResult
    func run(on terminal: some TerminalBackend) -> Int32? {
        var previous = Screen(width: 0, height: 0)
        self.terminal = terminal
        defer { self.terminal = nil }
        let size = terminal.size
        perform(state.update(.resize(width: size.width, height: size.height), environment))
        perform([.loadFolder(path: state.folder)] + (history == nil ? [] : [.reattachInFlight]))
        let started = ContinuousClock.now
        var frames = FrameGate()
        while isRunning {
            let since = ContinuousClock.now - started
            var messages: [Message] = [.clock(Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18)]
            for input in terminal.readInputs() {
                switch input {
                case .key(let key): messages.append(.key(key))
                case .paste(let text): messages.append(.paste(text))
                case .resize:
                    let size = terminal.size
                    messages.append(.resize(width: size.width, height: size.height))
                case .press(let column, let row):
                    // What the frame on screen showed there.
                    if let target = previous.target(atColumn: column, row: row) { messages.append(.clicked(target)) }
                case .wheel(let notches):
                    messages.append(.scrolled(by: notches))
                case .quitSignal(SIGINT) where state.quit.isShown || state.runs.all.contains(where: \.isActive):
                    // Ctrl-C with runs in flight asks, as `q` does (a second one leaves them running and quits).
                    messages.append(.key(.control("c")))
                case .quitSignal(let signal):
                    quitSignal = signal
                    isRunning = false
                }
            }
            messages += inbox.drain()
            if watcher?.poll() == true { messages.append(.folderChanged) }
            if messages.contains(where: { if case .serverProbed = $0 { true } else { false } }) { isProbing = false }
            for case .peerProbed(let index, _) in messages { peersProbing.remove(index) }
            probeServerIfDue()
            for message in messages where isRunning { perform(state.update(message, environment)) }
            guard isRunning else { break }
            if messages.contains(where: Self.isWork) { memoryTrim.noteActivity(at: .now) }
            if memoryTrim.isDue(at: .now) { IdleMemoryTrim.trimHeap() }
            let picturesArrived = pictureStage?.collectArrivals() ?? false
            guard frames.needsFrame(after: messages, state: state) || picturesArrived else { continue }
            var screen = Screen(width: state.width, height: state.height)
            render(state, into: &screen)
            let graphics = pictureStage?.compose(&screen, state: state) ?? []
            let resized = screen.width != previous.width || screen.height != previous.height
            let changes = screen.diff(from: previous)
            var pictures = pictureLayer.update(to: graphics, fullRedraw: resized)
            // kitty images to keep are sent (and those let go freed) before anything places or deletes placements.
            if let writes = pictureStage?.takeTerminalWrites(), !writes.isEmpty { pictures.before.insert(contentsOf: writes, at: 0) }
            if !changes.isEmpty || !pictures.isEmpty {
                terminal.draw(changes, fullRedraw: resized, pictures: pictures)
            }
            previous = screen
            if !hasStartedWatcher {
                hasStartedWatcher = true
                watcher = FolderWatcher(root: state.folder)
                if watcher == nil { logger.warning("no inotify: the folder is rescanned only with r") }
            }
        }
        // Runs still in flight are left going where they run, recorded as in flight: `q` asked already (its
        // `c` cancelled them), and SIGTERM or SIGHUP must not cost a run the next start can re-attach to.
        if quitSignal != nil { state.noteRunsLeftRunning() }
        var erased = pictureLayer.clear()
        erased.before += pictureStage?.finish() ?? []
        if !erased.isEmpty { terminal.draw([], fullRedraw: false, pictures: erased) }
        return quitSignal
    }

    /// Whether a message is work done (input, a folder read, a run's event), as opposed to the clock's tick and the
    /// servers' probes, which an idle app gets.
    private static func isWork(_ message: Message) -> Bool {
        switch message {
        case .clock, .serverProbed, .peerProbed: false
        default: true
        }
    }

    /// The run history's effects; none without a history.
    private var historyEffects: HistoryEffects? { history.map { HistoryEffects(history: $0, kit: kit, inbox: inbox, logger: logger) } }

    private func perform(_ effects: [Effect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            isRunning = false
        case .loadFolder(let path):
            // Names first (the list shows at once), then the files read on every core, then the stubs resolved.
            Task.detached { [inbox, kit] in
                let folder = WorkflowFolder(path: path)
                let listed: [WorkflowEntry]
                do {
                    listed = try folder.list()
                } catch {
                    inbox.post(.folderFailed("\(error)"))
                    return
                }
                inbox.post(.folderListed(listed))
                let read = await folder.read(listed) { inbox.post(.entriesRead($0)) }
                inbox.post(.folderLoaded(await folder.resolvingStubs(in: read, with: kit)))
            }
        case .startRun(let id, let path, let workflow, let params):
            // With several servers the router picks one; the run, the header and the record say which.
            let handle = state.servers.count > 1
                ? kit.run(workflow, params: params) { [inbox] server in inbox.post(.runRouted(runID: id, server: server)) }
                : kit.run(workflow, params: params)
            handles[id] = handle
            logger.info("run started", metadata: ["run": "\(id)", "workflow": "\(path)", "params": "\(params.keys.sorted())"])
            let record = history.map { _ in kit.runRecord(for: workflow, source: WorkflowSource(tuiPath: path), params: params) }
            forward(handle, runID: id, recording: record.map(RunRecording.new) ?? .none)
        case .startSweep(let id, let path, let workflow, let request):
            let stream = kit.sweep(workflow, base: request.params, vary: request.variations, count: request.count, seedMode: request.seedMode)
            logger.info("sweep started", metadata: ["run": "\(id)", "prompts": "\(state.runs.runs(ofSweep: id).count)", "workflow": "\(path)",
                                                    "varied": "\(request.variations.map(\.param))"])
            follow(stream, sweepID: id, path: path, workflow: workflow, resuming: nil)
        case .resumeSweep(let id, let resumed):
            logger.info("sweep resumed", metadata: ["run": "\(id)", "record": "\(resumed.recordedID)", "unsent": "\(resumed.points.count)"])
            follow(kit.sweep(resumed.workflow, points: resumed.points), sweepID: id, path: resumed.workflowPath, workflow: resumed.workflow,
                   resuming: (resumed.recordedID, resumed.size))
        case .reloadWorkflow(let path):
            guard let listed = state.list.entries.first(where: { $0.path == path }) else { return }
            Task.detached { [inbox, kit, folder = state.folder] in
                var entry = WorkflowFolder(path: folder).read(listed)
                if case .runningHubStub(let id, let stamp) = entry.content {
                    entry.content = await WorkflowFolder.resolve(id, stamp: stamp, with: kit)
                }
                inbox.post(.workflowReloaded(entry))
            }
        case .cancelRunningHubTask(let id, let taskID):
            logger.info("cancelling a RunningHub task before quitting", metadata: ["run": "\(id)", "task": "\(taskID)"])
            Task.detached { [inbox, kit, logger] in
                let failure = await RunningHubCancel.cancel(taskID, with: kit.runningHub, within: .seconds(QuitComponent.wait - 2))
                if let failure { logger.warning("RunningHub task not cancelled", metadata: ["task": "\(taskID)", "reason": "\(failure)"]) }
                inbox.post(.runningHubCancelled(runID: id, failure: failure))
            }
        case .awaitSweepsStopped(let sweepIDs):
            Task.detached { [inbox, kit] in
                await kit.sweepsEnded()
                inbox.post(.sweepsStopped(sweepIDs: sweepIDs))
            }
        case .loadHistory(let filter):
            historyEffects?.load(filter)
        case .forgetRecord(let id):
            historyEffects?.forget(id)
        case .reattachInFlight:
            historyEffects?.reattachInFlight()
        case .recordServer(let recordID, let server):
            historyEffects?.record(server: server, of: recordID)
        case .downloadRecord(let id, let result):
            Task.detached { [inbox, kit, history, logger, folder = downloadFolder] in
                let (paths, failures) = await RecordedOutputs.download(result, kit: kit, to: folder)
                logger.info("recorded run's outputs downloaded", metadata: ["record": "\(id)", "saved": "\(paths.count)", "failed": "\(failures.count)"])
                if !paths.isEmpty { try? await history?.addDownloads(id, paths: paths) }
                inbox.post(.history(.downloaded(id: id, paths: paths, failures: failures)))
            }
        case .followRecorded(let id, let record):
            followRecorded(record, runID: id, on: nil)
        case .followRecordedOn(let id, let record, let server):
            followRecorded(record, runID: id, on: server)
        case .cancelRun(let id):
            logger.info("run cancelled", metadata: ["run": "\(id)"])
            handles[id]?.cancel()
            // A sweep re-attached by this session follows each prompt with a handle of its own.
            for run in state.runs.runs(ofSweep: id) where run.id != id { handles[run.id]?.cancel() }
            if let (sweepID, sweep) = sweeps.first(where: { id >= $0.key && id < $0.key + $0.value.prompts }) {
                sweep.task.cancel()
                sweeps[sweepID] = nil
            }
        case .download(let id, let urls):
            download(runID: id, urls: urls)
        case .saveText(let id, let key, let name, let text):
            Task.detached { [inbox, logger, folder = downloadFolder] in
                do {
                    let path = try TextOutputSaver.save(text, name: name, in: folder)
                    logger.info("text output saved", metadata: ["run": "\(id)", "path": "\(path)"])
                    inbox.post(.fileSaved(runID: id, url: key, path: path))
                } catch {
                    inbox.post(.fileFailed(runID: id, url: key, reason: "\(error)"))
                }
            }
        case .fetchObjectInfo:
            Task.detached { [kit, inbox, logger] in
                do {
                    let info = ObjectInfo(try await kit.client.objectInfo())
                    logger.info("object_info read", metadata: ["classes": "\(info.classes.count)"])
                    inbox.post(.objectInfoLoaded(info))
                } catch {
                    // Forms work without it; the user sees no choices, the log says why.
                    logger.warning("object_info unavailable: \(error)")
                    inbox.post(.objectInfoFailed(reason: "\(error)"))
                }
            }
        case .loadCatalog:
            Task.detached { [kit, inbox, logger] in
                do {
                    let catalog = WidgetCatalog(try await kit.objectInfo())
                    logger.info("catalog for editor files read", metadata: ["classes": "\(catalog.classes.count)"])
                    inbox.post(.catalogLoaded(catalog))
                } catch {
                    logger.warning("no catalog for editor files yet: \(error)")
                    inbox.post(.catalogFailed(reason: "\(error)"))
                }
            }
        case .completePath(let path, let field, let text):
            Task.detached { [inbox] in
                inbox.post(.pathCandidates(workflowPath: path, field: field, text: text, candidates: PathLister.candidates(for: text)))
            }
        case .fetchServerQueue:
            Task.detached { [kit, inbox] in
                do {
                    inbox.post(.queue(.loaded(try await kit.client.serverQueue(recentLimit: QueueComponent.recentLimit))))
                } catch {
                    inbox.post(.queue(.failed(reason: "\(error)")))
                }
            }
        case .copyToClipboard(let text):
            terminal?.passThrough(OSC52.sequence(copying: text))
        case .drawSeed(let path, let field):
            inbox.post(.seedDrawn(workflowPath: path, field: field, seed: Int.random(in: 0...Int.max)))
        case .rememberForm(let path, let values):
            Task.detached {
                // Atomic write off the UI loop; a failure only costs the prefill next time.
                try? FormMemory(directory: FormMemory.standardDirectory(environment: ProcessInfo.processInfo.environment)).remember(values, for: path)
            }
        }
    }

    /// Follows a sweep's events as runs `sweepID + index`, recorded in the run history (under the recorded sweep when
    /// it resumes one).
    private func follow(
        _ stream: AsyncStream<SweepEvent>, sweepID id: Int, path: String, workflow: LoadedWorkflow, resuming: (sweepID: String, size: Int)?
    ) {
        let recorder = SweepRecorder(history: history, loaded: workflow, source: WorkflowSource(tuiPath: path), kit: kit, resuming: resuming) {
            [logger] in logger.warning("\($0)")
        }
        sweeps[id] = (SweepFollowing.start(stream, sweepID: id, recorder: recorder, inbox: inbox, logger: logger), state.runs.runs(ofSweep: id).count)
    }

    /// Follows a run an earlier session left in flight: still queued or running, with live progress; ended
    /// meanwhile, with its outputs; unknown to the server, lost. Its record gets the end. A ComfyUI run is first
    /// looked for among this session's servers (`server` is `nil`), then followed on the one named `server`.
    private func followRecorded(_ record: RunRecord, runID id: Int, on server: String?) {
        guard let promptID = record.promptID, let workflow = try? record.workflow() else {
            let outcome = RunOutcome(result: .failure("its recorded workflow cannot be read", promptID: record.promptID))
            Task.detached { [inbox, history] in
                try? await history?.finish(record.id, with: outcome)
                inbox.post(.runEvent(runID: id, .finished(outcome)))
            }
            return
        }
        if record.target == .comfyUI, server == nil {
            if !InFlightRuns.belongs(record, to: kit) {
                logger.info("run recorded on a server not configured here: asking the configured ones", metadata: ["record": "\(record.id)", "server": "\(record.server)"])
            }
            Task.detached { [inbox, kit, logger] in
                let place = await kit.place(ofPrompt: promptID, recordedOn: record.server)
                logger.info("run left in flight placed", metadata: ["record": "\(record.id)", "place": "\(place)"])
                inbox.post(.recordedRunPlaced(runID: id, record: record, place))
            }
            return
        }
        let handle = switch record.target {
        // The app that submitted it is gone (it left the run in flight): take over its socket id for live progress.
        case .comfyUI: (server.flatMap(kit.server(named:)) ?? kit).follow(promptID: promptID, workflow: workflow, takingOverItsClient: true)
        case .runningHub: kit.follow(runningHubTask: promptID, workflow: workflow)
        }
        handles[id] = handle
        logger.info("run re-attached", metadata: ["run": "\(id)", "record": "\(record.id)", "prompt": "\(promptID)", "server": "\(server ?? record.server)"])
        forward(handle, runID: id, recording: .existing(record.id))
    }

    /// Posts the run's events to the inbox; with a history, records the run first (a new record, or the one it
    /// was re-attached from) and posts its events as recorded, so the record is final when `.finished` arrives.
    private func forward(_ handle: RunHandle, runID id: Int, recording: RunRecording) {
        Task.detached { [inbox, logger, history] in
            var events = handle.events
            if let history {
                switch recording {
                case .none: break
                case .new(let record):
                    do {
                        let stored = try await history.insert(record)
                        events = history.recording(handle, as: stored.id).events
                        inbox.post(.runRecorded(runID: id, recordID: stored.id))
                    } catch {
                        logger.warning("run not recorded", metadata: ["run": "\(id)", "error": "\(error)"])
                        inbox.post(.runNotRecorded(runID: id, reason: "\(error)"))
                    }
                case .existing(let recordID):
                    events = history.recording(handle, as: recordID).events
                }
            }
            for await event in events {
                if case .finished(let outcome) = event { RunLog.finished(id, outcome, logger: logger) }
                inbox.post(.runEvent(runID: id, event))
            }
        }
    }

    /// Asks `GET /queue` for the header's live state; the answer comes back as ``Message/serverProbed(_:)``.
    private func probeServerIfDue() {
        let now = ContinuousClock.now
        guard !isProbing, now >= nextProbe else { return }
        isProbing = true
        nextProbe = now + Self.probeInterval
        ServerProbe.start(kit: kit) { [inbox] status in inbox.post(.serverProbed(status)) }
        for (offset, peer) in peerProbes.enumerated() where !peersProbing.contains(offset + 1) {
            peersProbing.insert(offset + 1)
            ServerProbe.start(kit: peer) { [inbox] status in inbox.post(.peerProbed(index: offset + 1, status)) }
        }
        if let index = runningHubLine, let runningHub = kit.runningHub, !peersProbing.contains(index) {
            peersProbing.insert(index)
            ServerProbe.start(runningHub: runningHub) { [inbox] status in inbox.post(.peerProbed(index: index, status)) }
        }
    }

    private func download(runID: Int, urls: [String]) {
        OutputDownloads.start(runID: runID, urls: urls, kit: kit, folder: downloadFolder, inbox: inbox, logger: logger)
    }
}
