import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit runs cancel ID`: cancel a recorded run on the server it runs on.
struct RunsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a recorded run that is still queued or running (ComfyUI or RunningHub).",
        discussion: "Exit codes: 0 cancelled, 1 the run had already ended or could not be cancelled."
    )

    @Argument(help: "The run id, a unique prefix of it, or the prompt (task) id.")
    var id: String

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        let history = try HistoryOptions.open()
        let record = try await RecordedRunLookup.record(id, in: history)
        guard record.isInFlight else { throw CLIFailure("run \(record.id) has already ended: \(record.status.rawValue)") }
        guard let promptID = record.promptID else {
            throw CLIFailure("run \(record.id) has no prompt id: the server never accepted it (or it is still being submitted)")
        }
        let kit = try RecordedRunLookup.kit(for: record, serverOptions: serverOptions)
        let result: ExecuteResult
        switch record.target {
        case .comfyUI: result = try await cancelOnComfyUI(record, promptID: promptID, kit: kit, history: history)
        case .runningHub: result = try await cancelOnRunningHub(record, taskID: promptID, kit: kit, history: history)
        }
        await kit.close()
        guard result.status == .interrupted else {
            throw CLIFailure("run \(record.id) (prompt \(promptID)) had already ended: \(result.status.rawValue)")
        }
        Terminal.output("cancelled run \(record.id) (prompt \(promptID))")
    }

    /// Follows the prompt and cancels it at once: removed from the queue or interrupted, and the end
    /// it reached (interrupted, or whatever came first) is recorded.
    private func cancelOnComfyUI(_ record: RunRecord, promptID: String, kit: ComfyKit, history: RunHistory) async throws -> ExecuteResult {
        let workflow = try RecordedRunLookup.workflow(of: record)
        let handle = history.recording(kit.follow(promptID: promptID, workflow: workflow), as: record.id)
        handle.cancel()
        return await handle.result
    }

    private func cancelOnRunningHub(_ record: RunRecord, taskID: String, kit: ComfyKit, history: RunHistory) async throws -> ExecuteResult {
        guard let runningHub = kit.runningHub else { throw CLIFailure("run \(record.id) runs on RunningHub: set RUNNINGHUB_API_KEY to cancel it") }
        do {
            try await runningHub.cancel(taskID)
        } catch {
            throw CLIFailure("RunningHub task \(taskID) could not be cancelled: \(error)")
        }
        let result = ExecuteResult(status: .interrupted, promptID: taskID, msg: "cancelled with comfykit runs cancel")
        try? await history.finish(record.id, with: RunOutcome(result: result))
        return result
    }
}
