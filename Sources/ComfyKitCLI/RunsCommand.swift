import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit runs …`: the runs recorded on this machine.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, inspect, re-attach to, cancel and re-run the runs recorded on this machine.",
        discussion: """
            Every `comfykit run` is recorded in $XDG_STATE_HOME/comfykit/runs.sqlite (else \
            ~/.local/state/comfykit/runs.sqlite). ID is the short run id `comfykit run` printed, a unique \
            prefix of it, or the prompt (RunningHub task) id.
            """,
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsWatchCommand.self, RunsCancelCommand.self, RunsRerunCommand.self]
    )
}

/// Finding a recorded run and reaching the server it ran on.
enum RecordedRunLookup {
    /// The run `id` (short id, prefix or prompt id) in the history; an error naming the file if there is none.
    static func record(_ id: String, in history: RunHistory) async throws -> RunRecord {
        let found: RunRecord?
        do {
            found = try await history.record(id)
        } catch {
            throw CLIFailure("cannot read the run history \(history.url.path): \(error)")
        }
        guard let found else { throw CLIFailure("no run \(id) in \(history.url.path); `comfykit runs ls` lists the runs") }
        return found
    }

    /// A kit for the server the run ran on (`--server` overrides it); credentials from the environment.
    static func kit(for record: RunRecord, serverOptions: ServerOptions) throws -> ComfyKit {
        ComfyKit(configuration: try configuration(for: record, serverOptions: serverOptions))
    }

    private static func configuration(for record: RunRecord, serverOptions: ServerOptions) throws -> ComfyKitConfiguration {
        var options = serverOptions
        if options.server.isEmpty, record.target == .comfyUI { options.server = [record.server] }
        return try options.configuration()
    }
}
