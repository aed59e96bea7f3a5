import ArgumentParser
import ComfyKit
import Foundation

/// Flags shared by the commands that talk to a ComfyUI server.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The ComfyUI server: a URL, host:port, or a name from servers.toml; repeat it to route prompts over several (runninghub adds RunningHub, with $RUNNINGHUB_ROUTING_WORKFLOW) (default: $COMFYUI_BASE_URL, a comma list for several, else servers.toml's default, else http://127.0.0.1:8188).",
        valueName: "url|name"))
    var server: [String] = []

    @Option(help: ArgumentHelp("ws (live progress over WebSocket) or http (polling); default $COMFYUI_EXECUTOR_TYPE, else ws.", valueName: "ws|http"))
    var executor: String?

    /// The servers `--server` names, each read as a URL or a name; `nil` when none is given.
    func references() throws -> [ServerReference]? {
        guard !server.isEmpty else { return nil }
        return try server.map { text in
            do {
                return try ServerReference(parsing: text)
            } catch {
                throw UsageError("\(error)")
            }
        }
    }

    /// A kit over every server given: one server as today, several with each run routed to the least busy.
    func kit() throws -> ComfyKit {
        ComfyKit(configuration: try configuration())
    }

    /// The configuration: these flags, else the environment, else servers.toml, else defaults.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ComfyKitConfiguration {
        var overrides = ComfyKitConfiguration.Overrides()
        overrides.servers = try references()
        if let executor {
            guard let kind = ExecutorKind(parsing: executor) else { throw UsageError("--executor \(executor): expected ws or http") }
            overrides.executor = kind
        }
        do {
            return try ComfyKitConfiguration.resolve(overrides, environment: environment)
        } catch {
            throw UsageError(error.description)
        }
    }
}

/// Wrong flags or params: one `Error:` line and exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
