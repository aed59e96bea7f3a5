import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// `comfykit runs …`: the runs recorded on this machine.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, inspect, re-attach to, resume, cancel and re-run the runs recorded on this machine.",
        discussion: """
            Every `comfykit run` is recorded in $XDG_STATE_HOME/comfykit/runs.sqlite (else \
            ~/.local/state/comfykit/runs.sqlite). ID is the short run id `comfykit run` printed, a unique \
            prefix of it, or the prompt (RunningHub task) id.
            """,
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsWatchCommand.self, RunsResumeCommand.self, RunsCancelCommand.self, RunsRerunCommand.self]
    )
}

/// Finding a recorded run and reaching the server it ran on.
enum RecordedRunLookup {
    /// The graph the run recorded; an error naming the run when it cannot be read.
    static func workflow(of record: RunRecord) throws -> Workflow {
        do {
            return try record.workflow()
        } catch {
            throw CLIFailure("run \(record.id): its recorded workflow cannot be read: \(error)")
        }
    }

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

    /// Why a recorded prompt cannot be followed among a kit's servers.
    struct NotFollowable: Error {
        let reason: String
    }

    /// The kit of the server to follow the recorded prompt on (``ComfyKit/place(ofPrompt:recordedOn:within:)``), or
    /// why it cannot be followed.
    static func server(following record: RunRecord, promptID: String, on kit: ComfyKit) async -> Result<ComfyKit, NotFollowable> {
        switch await kit.place(ofPrompt: promptID, recordedOn: record.server) {
        case .server(let name):
            if let server = kit.server(named: name) { return .success(server) }
            return .failure(NotFollowable(reason: "\(name) is not one of the servers given"))
        case .down(let server, let why):
            return .failure(NotFollowable(reason: "its server \(server) is down (\(why))"))
        case .notConfigured(let server, let configured):
            return .failure(NotFollowable(
                reason: "it ran on \(server), and none of \(configured.joined(separator: ", ")) knows prompt \(promptID); give --server \(server)"))
        }
    }

    /// A kit over the servers a sweep was started over (`--server` overrides them): those its plan kept, else those
    /// its prompts were recorded on, in prompt order; credentials from the environment and servers.toml.
    static func kit(forSweep records: [RunRecord], plannedServers: [String]?, serverOptions: ServerOptions) throws -> ComfyKit {
        var options = serverOptions
        if options.server.isEmpty {
            var recorded: [String] = []
            for record in records.sorted(by: { ($0.sweepIndex ?? 0) < ($1.sweepIndex ?? 0) })
            where record.target == .comfyUI && record.server != "-" && record.server != ServerReference.runningHubName && !recorded.contains(record.server) {
                recorded.append(record.server)
            }
            options.server = plannedServers.flatMap { $0.isEmpty ? nil : $0 } ?? recorded
        }
        return ComfyKit(configuration: try options.configuration())
    }

    private static func configuration(for record: RunRecord, serverOptions: ServerOptions) throws -> ComfyKitConfiguration {
        var options = serverOptions
        if options.server.isEmpty, record.target == .comfyUI { options.server = [record.server] }
        return try options.configuration()
    }
}
