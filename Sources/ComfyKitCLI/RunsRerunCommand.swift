import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit runs rerun ID [-p name=value …]`: run a recorded run's workflow again with its values.
struct RunsRerunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun",
        abstract: "Run a recorded run's workflow again with the same param values; -p changes some of them.",
        discussion: """
            The workflow is the graph recorded with the run (its file may have changed since). The new run is \
            recorded too. Exit codes as `comfykit run`: 0 completed, 1 failed, 2 usage error, 130 interrupted.
            """
    )

    @Argument(help: "The run id, a unique prefix of it, or the prompt (task) id.")
    var id: String

    @OptionGroup var serverOptions: ServerOptions

    @OptionGroup var arguments: RunArguments

    func run() async throws {
        let history = try HistoryOptions.open()
        let record = try await RecordedRunLookup.record(id, in: history)
        let workflow: Workflow
        let spec: WorkflowSpec
        do {
            (workflow, spec) = try record.workflowAndSpec()
        } catch {
            throw CLIFailure("run \(record.id): its recorded workflow cannot be read: \(error)")
        }
        var values = record.params
        do {
            values.merge(try arguments.values(for: spec)) { $1 }
        } catch {
            throw UsageError(error.description)
        }
        let runningHubID = record.target == .runningHub ? RunningHubWorkflowID(String(record.workflowSource.dropFirst("runninghub:".count))) : nil
        let loaded = LoadedWorkflow(workflow: workflow, runningHubID: runningHubID)
        let kit = try RecordedRunLookup.kit(for: record, serverOptions: serverOptions)
        let recorded: RecordedRun
        do {
            recorded = try await kit.run(loaded, source: source(of: record), params: values, recordingIn: history)
        } catch {
            await kit.close()
            throw CLIFailure("cannot record the new run in \(history.url.path): \(error)")
        }
        if !arguments.json { Terminal.error("run \(recorded.id) (re-run of \(record.id))\n") }
        try await arguments.finish(recorded.handle, totalNodes: workflow.nodes.count, kit: kit, recordedAs: recorded.id, in: history)
    }

    /// Where the recorded workflow came from, so the new record names the same source.
    private func source(of record: RunRecord) -> WorkflowSource {
        if record.workflowSource.hasPrefix("runninghub:"), let id = RunningHubWorkflowID(String(record.workflowSource.dropFirst("runninghub:".count))) {
            return .runningHub(id)
        }
        if record.workflowSource.hasPrefix("memory:") { return .json(.null, name: record.workflowName) }
        return WorkflowSource(argument: record.workflowSource)
    }
}
