import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit runs watch ID`: re-attach to a recorded run, as `comfykit run` shows it.
struct RunsWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-attach to a recorded run: live progress until it ends, then its outputs.",
        discussion: """
            A run still queued or running on its server is followed again; one that ended meanwhile is \
            recorded with its outputs; one the server no longer knows is recorded as failed. With several \
            --server, the one the run was recorded on is asked first, then the others; a server that does not \
            answer is reported, and the run stays recorded in flight.
            Exit codes as `comfykit run`: 0 completed, 1 failed (or timed out), 130 interrupted. Ctrl-C stops \
            watching and leaves the run going (watch it again later; `comfykit runs cancel` cancels it).
            """
    )

    @Argument(help: "The run id, a unique prefix of it, or the prompt id.")
    var id: String

    @OptionGroup var serverOptions: ServerOptions

    @Flag(help: "Print NDJSON events on stdout, ending with the result.")
    var json = false

    func run() async throws {
        let history = try HistoryOptions.open()
        let record = try await RecordedRunLookup.record(id, in: history)
        let presenter = RunPresenter(json: json)
        guard record.isInFlight else {
            let result = record.endedResult
            if json { Terminal.output(JSONWriter.string(RunEvent.finished(RunOutcome(result: result)).json)) }
            presenter.report(result)
            try presenter.exit(result)
            return
        }
        guard let promptID = record.promptID else {
            throw CLIFailure("run \(record.id) has no prompt id: the server never accepted it (or it is still being submitted)")
        }
        let workflow = try RecordedRunLookup.workflow(of: record)
        // A run another live process runs is followed beside it: taking over its socket id would take its progress away.
        let runBy = try await history.claim(record.id)
        if let runBy {
            Terminal.error("run \(record.id) is run by process \(runBy.pid): following its end only (its node progress goes to that process)\n")
        }
        let kit = try RecordedRunLookup.kit(for: record, serverOptions: serverOptions)
        // No signal trap: Ctrl-C ends this process only, and the run stays recorded as in flight.
        let followed: RunHandle
        switch record.target {
        case .comfyUI:
            let server = try await Self.server(following: record, promptID: promptID, on: kit)
            if server.serverName != record.server { _ = try? await history.update(record.id) { $0.server = server.serverName } }
            // The submitter is gone: take over its socket id, since ComfyUI sends node progress to that client only.
            followed = server.follow(promptID: promptID, workflow: workflow, takingOverItsClient: runBy == nil)
        case .runningHub:
            followed = kit.follow(runningHubTask: promptID, workflow: workflow)
        }
        let handle = history.recording(followed, as: record.id)
        let outcome = await presenter.follow(handle, totalNodes: workflow.nodes.count)
        await kit.close()
        presenter.report(outcome.result)
        try presenter.exit(outcome.result)
    }

    /// The kit of the server to follow the recorded prompt on (``ComfyKit/place(ofPrompt:recordedOn:within:)``);
    /// an error saying why when it cannot be followed, the record left in flight.
    private static func server(following record: RunRecord, promptID: String, on kit: ComfyKit) async throws -> ComfyKit {
        switch await RecordedRunLookup.server(following: record, promptID: promptID, on: kit) {
        case .success(let server): return server
        case .failure(let failure):
            await kit.close()
            throw CLIFailure("run \(record.id) not followed: \(failure.reason). It stays recorded in flight: watch it again later, or `comfykit runs cancel \(record.id)`")
        }
    }
}
