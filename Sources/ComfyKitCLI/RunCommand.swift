import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit run <workflow> -p name=value …`: run a workflow and report its outputs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workflow on ComfyUI, showing live progress, and print (or download) its outputs.",
        discussion: """
            Exit codes: 0 completed, 1 failed (or timed out), 2 usage error, 130 interrupted.
            Ctrl-C cancels the prompt on the server (a second Ctrl-C exits at once).
            With --vary, --count or --seed-mode the run is a sweep: every prompt is routed to the server \
            with the least work among those that can run it; exit code 1 if any prompt failed.
            Every run is recorded in $XDG_STATE_HOME/comfykit/runs.sqlite (see `comfykit runs`) unless \
            --no-history or COMFYKIT_NO_HISTORY=1.
            """
    )

    @Argument(help: "A workflow file (API or editor format), an http(s) URL, or a RunningHub workflow id.")
    var workflow: String

    @OptionGroup var serverOptions: ServerOptions

    @OptionGroup var arguments: RunArguments

    @OptionGroup(title: "Sweeps (many prompts, routed over every --server)") var sweep: SweepArguments

    @OptionGroup var history: HistoryOptions

    @Option(help: ArgumentHelp("Give up after this many seconds without any sign of progress (default: wait); for RunningHub, after this many seconds in all (default: $RUNNINGHUB_TIMEOUT, else wait).", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let kit = try serverOptions.kit()
        let source = WorkflowSource(argument: workflow)
        let loaded: LoadedWorkflow
        do {
            // A RunningHub id or stub is read from RunningHub (RUNNINGHUB_API_KEY, RUNNINGHUB_BASE_URL).
            loaded = try await kit.load(source)
        } catch {
            await kit.close()
            throw CLIFailure(String(describing: error))
        }
        let spec: WorkflowSpec
        do {
            spec = try WorkflowSpec(loaded.workflow)
        } catch {
            throw CLIFailure(error.description)
        }
        let values: [String: ParamValue]
        do {
            values = try arguments.values(for: spec)
        } catch {
            throw UsageError(error.description)
        }
        let options = RunOptions(inactivityTimeout: timeout.map { .milliseconds(Int64($0 * 1000)) }, retryLost: sweep.retryLost)
        if sweep.isSweep {
            let plan = try sweep.plan(for: spec)
            try await runSweep(loaded, source: source, base: values, plan: plan, options: options, kit: kit)
            return
        }
        let recorded = await start(loaded, source: source, values: values, options: options, kit: kit)
        try await arguments.finish(recorded.handle, totalNodes: loaded.workflow.nodes.count, kit: kit, recordedAs: recorded.id, in: recorded.history)
    }

    /// Starts the run, recorded in the run history unless that is turned off. A history that cannot be
    /// opened or written is a warning: the run goes on unrecorded.
    private func start(
        _ loaded: LoadedWorkflow, source: WorkflowSource, values: [String: ParamValue], options: RunOptions, kit: ComfyKit
    ) async -> (handle: RunHandle, id: String?, history: RunHistory?) {
        guard history.records else { return (kit.run(loaded, params: values, options: options), nil, nil) }
        do {
            let store = try HistoryOptions.open()
            let recorded = try await kit.run(loaded, source: source, params: values, options: options, recordingIn: store)
            if !arguments.json { Terminal.error("run \(recorded.id)\n") }
            return (recorded.handle, recorded.id, store)
        } catch {
            Terminal.error("Warning: this run is not recorded: \(error)\n")
            return (kit.run(loaded, params: values, options: options), nil, nil)
        }
    }
}

extension RunEvent {
    /// Steps and node starts carry the run's overall progress.
    var movesTheBar: Bool {
        switch self {
        case .progress, .nodeStarted: true
        default: false
        }
    }
}
