import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

extension RunCommand {
    /// Runs a sweep: a live line of prompts per server (or `--json` objects, one per prompt), each prompt recorded
    /// in the run history, the outputs downloaded per prompt, then a table of the varied values and how each ended.
    func runSweep(
        _ loaded: LoadedWorkflow, source: WorkflowSource, base: [String: ParamValue],
        plan: (variations: [Variation], count: Int, seedMode: SweepPlan.SeedMode), options: RunOptions, kit: ComfyKit
    ) async throws {
        let recorder = SweepRecorder(history: openHistory(), loaded: loaded, source: source, kit: kit) { Terminal.error("Warning: \($0)\n") }
        if let spec = try? WorkflowSpec(loaded.workflow),
           let checked = try? SweepPlan(spec: spec, variations: plan.variations, count: plan.count, seedMode: plan.seedMode),
           let reason = checked.identicalRepeatsReason {
            Terminal.error("Warning: --count \(plan.count) sends each prompt \(checked.identicalRepeats) times with the same values (\(reason)"
                           + (checked.seedParams.isEmpty ? "" : "; --seed-mode increment or random changes them")
                           + "): ComfyUI runs it once and answers the repeats from its cache\n")
        }
        let stream = kit.sweep(loaded, base: base, vary: plan.variations, count: plan.count, seedMode: plan.seedMode, options: options)
        let (json, servers) = (arguments.json, kit.serverNames)
        let consumer = Task { await Self.follow(stream, board: SweepBoard(servers: servers), json: json, recorder: recorder) }
        let trap = SignalTrap { consumer.cancel() }
        let (board, refusal) = await consumer.value
        _ = trap
        // Ctrl-C stopped reading the sweep's events: the prompts it interrupted are recorded as such.
        await recorder.ended(cancelled: consumer.isCancelled)
        if let refusal {
            await kit.close()
            if case .plan = refusal { throw UsageError(refusal.description) }
            throw CLIFailure(refusal.description)
        }
        if let download { try await Self.downloadCompleted(board, kit: kit, recorder: recorder, to: download) }
        await kit.close()
        if !json { Terminal.output(board.table().joined(separator: "\n")) }
        if consumer.isCancelled { throw ExitCode(130) }
        if board.anyFailed {
            Terminal.error("Error: \(board.rows.values.filter { $0.result.status != .completed }.count) of \(board.total) prompts did not complete\n")
            throw ExitCode.failure
        }
    }

    private var download: String? { arguments.download }

    /// Saves each completed prompt's outputs under `directory/<prompt number>/`, noted in its record; the prompts
    /// `skipping` names are left out (a resumed sweep's, ended before it).
    static func downloadCompleted(
        _ board: SweepBoard, kit: ComfyKit, recorder: SweepRecorder, to directory: String, skipping: (Int) -> Bool = { _ in false }
    ) async throws {
        for row in board.rows.keys.sorted().compactMap({ board.rows[$0] }) where row.result.status == .completed && !skipping(row.point.index) {
            let saved = try await OutputsDownload.run(row.result, kit: kit, to: (directory as NSString).appendingPathComponent(String(row.point.index + 1)))
            await recorder.addDownloads(row.point.index, paths: saved)
        }
    }

    /// The run history, unless turned off; one that cannot be opened is a warning and the sweep goes on unrecorded.
    private func openHistory() -> RunHistory? {
        guard history.records else { return nil }
        do {
            return try HistoryOptions.open()
        } catch {
            Terminal.error("Warning: this sweep is not recorded: \(error)\n")
            return nil
        }
    }

    /// Consumes the sweep's events until it ends (or the task is cancelled): the board, or why nothing was sent.
    static func follow(
        _ stream: AsyncStream<SweepEvent>, board start: SweepBoard, json: Bool, recorder: SweepRecorder
    ) async -> (SweepBoard, SweepRefusal?) {
        var board = start
        let live = Terminal.stderrIsTerminal && !json
        for await event in stream {
            if case .refused(let refusal) = event { return (board, refusal) }
            await recorder.record(event)
            let message = board.apply(event)
            if case .finished(let point, _, _) = event, let row = board.rows[point.index] {
                if json { Terminal.output(JSONWriter.string(SweepBoard.json(row, runID: await recorder.id(of: point.index)))) }
                if !live, !json {
                    Terminal.error("prompt \(point.index + 1)/\(board.total)\(SweepBoard.afterSpace(point)) on \(row.server ?? "-"): \(row.result.status.rawValue)\n")
                }
            }
            if live {
                if let message { Terminal.error("\r\u{1B}[K" + message + "\n") }
                Terminal.error("\r\u{1B}[K" + TextTable.clip(board.line(), to: Terminal.width - 1))
            } else if let message, !json {
                Terminal.error(message + "\n")
            }
        }
        if live { Terminal.error("\n") }
        return (board, nil)
    }
}
