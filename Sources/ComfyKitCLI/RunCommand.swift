import ArgumentParser
import ComfyKit
import Foundation

/// `comfykit run <workflow> -p name=value …`: run a workflow and report its outputs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workflow on ComfyUI, showing live progress, and print (or download) its outputs.",
        discussion: """
            Exit codes: 0 completed, 1 failed (or timed out), 2 usage error, 130 interrupted.
            Ctrl-C cancels the prompt on the server (a second Ctrl-C exits at once).
            """
    )

    @Argument(help: "An API-format workflow file, an http(s) URL, or a RunningHub workflow id.")
    var workflow: String

    @Option(name: [.customShort("p"), .customLong("param")], help: ArgumentHelp("A param value, read as the param's kind (repeatable).", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .customLong("param-json"), help: ArgumentHelp("A param value given as JSON (repeatable).", valueName: "name=json"))
    var jsonParams: [String] = []

    @OptionGroup var serverOptions: ServerOptions

    @Option(help: ArgumentHelp("Download the outputs into this folder when the run completes.", valueName: "dir"))
    var download: String?

    @Flag(help: "Print NDJSON events on stdout, ending with the result.")
    var json = false

    @Option(help: ArgumentHelp("Give up after this many seconds without any sign of progress (default: wait); for RunningHub, after this many seconds in all (default: $RUNNINGHUB_TIMEOUT, else wait).", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let kit = ComfyKit(configuration: try serverOptions.configuration())
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
            values = try ParamArguments.values(params, json: jsonParams, spec: spec)
        } catch {
            throw UsageError(error.description)
        }
        let options = RunOptions(inactivityTimeout: timeout.map { .milliseconds(Int64($0 * 1000)) })
        let handle = kit.run(loaded, params: values, options: options)
        let trap = SignalTrap { handle.cancel() }
        let outcome = await follow(handle, totalNodes: loaded.workflow.nodes.count)
        _ = trap
        if let download, outcome.result.status == .completed {
            try await downloadOutputs(outcome.result, kit: kit, to: download)
        }
        await kit.close()
        if !json { report(outcome) }
        switch outcome.result.status {
        case .completed: return
        case .interrupted: throw ExitCode(130)
        case .error, .timeout:
            if json { Terminal.error("Error: \(outcome.result.msg ?? outcome.result.status.rawValue)\n") }
            throw ExitCode.failure
        }
    }

    /// Consumes the events: NDJSON on stdout with `--json`; a live line on a terminal, plain lines otherwise.
    private func follow(_ handle: RunHandle, totalNodes: Int) async -> RunOutcome {
        let live = Terminal.stderrIsTerminal
        var line = ProgressLine(totalNodes: totalNodes)
        let started = ContinuousClock.now
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lastPlainPercent = -1
        var outcome: RunOutcome?
        for await event in handle.events {
            if json { Terminal.output(JSONWriter.string(event.json)) }
            let message = line.apply(event)
            if case .finished(let o) = event { outcome = o }
            if live {
                let now = ContinuousClock.now
                if let message { Terminal.error("\r\u{1B}[K" + message + "\n") }
                if message != nil || now - lastDraw >= .milliseconds(50) || outcome != nil {
                    lastDraw = now
                    Terminal.error("\r\u{1B}[K" + line.render(width: Terminal.width - 1, elapsed: now - started))
                }
            } else if !json {
                if let message { Terminal.error(message + "\n") }
                if case .nodeStarted(let node, _) = event {
                    Terminal.error("node \(node.id) \(node.classType)\(node.label == node.classType ? "" : " (\(node.label))")\n")
                }
                let percent = Int(line.overall * 100) / 25 * 25
                if percent > lastPlainPercent, event.movesTheBar {
                    lastPlainPercent = percent
                    Terminal.error("progress \(percent)%\n")
                }
            }
        }
        if live { Terminal.error("\n") }
        if let outcome { return outcome }
        return await handle.outcome
    }

    /// The result for people: status, then each output name with its URLs (or saved paths).
    private func report(_ outcome: RunOutcome) {
        let result = outcome.result
        var lines = ["\(result.status.rawValue)" + (result.promptID.map { " prompt \($0)" } ?? "")
                     + (result.duration.map { " in \(String(format: "%.2f", $0)) s" } ?? "")]
        for (label, groups) in [("image", result.imagesByVar), ("video", result.videosByVar), ("audio", result.audiosByVar)] {
            for (name, urls) in groups {
                for url in urls { lines.append("\(name) (\(label)): \(url)") }
            }
        }
        for (name, texts) in result.textsByVar {
            for text in texts { lines.append("\(name) (text): \(text)") }
        }
        Terminal.output(lines.joined(separator: "\n"))
        if result.status != .completed, let msg = result.msg { Terminal.error("Error: \(msg)\n") }
    }
}

extension RunCommand {
    /// Downloads the outputs, one progress line per file on a terminal, and prints each saved path.
    func downloadOutputs(_ result: ExecuteResult, kit: ComfyKit, to folder: String) async throws {
        try await OutputsDownload.run(result, kit: kit, to: folder)
    }
}

extension RunEvent {
    /// Steps and node starts carry the run's overall progress.
    fileprivate var movesTheBar: Bool {
        switch self {
        case .progress, .nodeStarted: true
        default: false
        }
    }
}
