import ArgumentParser
import ComfyKit
import ComfyKitPictures
import ComfyKitHistory
import Foundation

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

    @Flag(help: "Draw the outputs in the terminal after the result: images, a video's first frame, a sound's waveform (never into a pipe or with --json).")
    var show = false

    @Option(help: ArgumentHelp("How --show draws: auto, kitty, sixel, iterm, symbols or off (default: $COMFYKIT_IMAGES, else auto: the terminal's variables, then its answers).", valueName: "protocol"))
    var images: String?

    func validate() throws {
        _ = try pictureSetting()
    }

    /// `--images`, else `COMFYKIT_IMAGES`, else auto; an unknown value names the choices.
    func pictureSetting() throws -> PictureSetting {
        do {
            return try PictureSetting.resolve(flag: images, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

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
        let shown = show && outcome.result.status == .completed && PictureShow.canDraw(json: json)
        let pictures = shown ? await PictureShow.fetch(outcome.result, kit: kit) : []
        await kit.close()
        presenter.report(outcome.result)
        if shown { PictureShow(setting: try pictureSetting()).draw(pictures) }
        try presenter.exit(outcome.result)
    }
}
