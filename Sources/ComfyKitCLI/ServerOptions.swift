import ArgumentParser
import ComfyKit
import Foundation

/// Flags shared by the commands that talk to a ComfyUI server.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The ComfyUI server; repeat it to route prompts over several (default: $COMFYUI_BASE_URL, a comma list for several, else http://127.0.0.1:8188).", valueName: "url"))
    var server: [String] = []

    @Option(help: ArgumentHelp("ws (live progress over WebSocket) or http (polling); default $COMFYUI_EXECUTOR_TYPE, else ws.", valueName: "ws|http"))
    var executor: String?

    /// The servers of `--server`, else of `$COMFYUI_BASE_URL` when it lists several; empty for the default one.
    func servers(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [URL] {
        if !server.isEmpty { return try server.map { try Self.url($0, flag: nil) } }
        guard let list = environment["COMFYUI_BASE_URL"], list.contains(",") else { return [] }
        return try list.split(separator: ",").map { try Self.url(String($0), flag: "COMFYUI_BASE_URL") }
    }

    private static func url(_ text: String, flag: String?) throws -> URL {
        do {
            return try ComfyKitConfiguration.serverURL(text)
        } catch {
            throw UsageError(flag.map { "\($0) (one of its comma-separated servers): \(error.description)" } ?? error.description)
        }
    }

    /// A kit over every server given: one server as today, several with each run routed to the least busy.
    func kit() throws -> ComfyKit {
        let servers = try servers()
        let configuration = try configuration()
        if servers.count > 1 { return ComfyKit(servers: servers, configuration: configuration) }
        return ComfyKit(configuration: configuration)
    }

    /// The configuration: these flags, else the environment, else defaults (the first server when several are given).
    func configuration() throws -> ComfyKitConfiguration {
        var overrides = ComfyKitConfiguration.Overrides()
        overrides.comfyUIBaseURL = try servers().first
        if let executor {
            guard let kind = ExecutorKind(parsing: executor) else { throw UsageError("--executor \(executor): expected ws or http") }
            overrides.executor = kind
        }
        do {
            return try ComfyKitConfiguration.resolve(overrides)
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
