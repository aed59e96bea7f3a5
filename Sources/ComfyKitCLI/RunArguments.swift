import ArgumentParser
import ComfyKit
import ComfyKitHistory

/// The flags of every command that starts a run (`run`, `runs rerun`): params, a download folder, NDJSON.
struct RunArguments: ParsableArguments {
    @Option(name: [.customShort("p"), .customLong("param")], help: ArgumentHelp("A param value, read as the param's kind (repeatable; for rerun it replaces the recorded one).", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .customLong("param-json"), help: ArgumentHelp("A param value given as JSON (repeatable).", valueName: "name=json"))
    var jsonParams: [String] = []

    @Option(help: ArgumentHelp("Download the outputs into this folder when the run completes.", valueName: "dir"))
    var download: String?

    @Flag(help: "Print NDJSON events on stdout, ending with the result.")
    var json = false

    /// The `-p` and `--param-json` values, read as the params' kinds.
    func values(for spec: WorkflowSpec) throws(ParamArgumentError) -> [String: ParamValue] {
        try ParamArguments.values(params, json: jsonParams, spec: spec)
    }

    /// Follows the run to its end as `run` shows it (NDJSON, a live line or plain lines; Ctrl-C cancels), saves
    /// the outputs when `--download` asks and the run completed (noting them in the run's record), closes the
    /// kit and exits as `run` does.
    func finish(_ handle: RunHandle, totalNodes: Int, kit: ComfyKit, recordedAs id: String?, in history: RunHistory?) async throws {
        let presenter = RunPresenter(json: json)
        let trap = SignalTrap { handle.cancel() }
        let outcome = await presenter.follow(handle, totalNodes: totalNodes)
        _ = trap
        if let download, outcome.result.status == .completed {
            let saved = try await OutputsDownload.run(outcome.result, kit: kit, to: download)
            if let id, let history { try? await history.addDownloads(id, paths: saved) }
        }
        await kit.close()
        presenter.report(outcome.result)
        try presenter.exit(outcome.result)
    }
}
