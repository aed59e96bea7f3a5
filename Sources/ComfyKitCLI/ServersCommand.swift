import ArgumentParser
import ComfyKit
import Foundation

/// `comfykit servers`: the named servers of servers.toml (else the ones configured), each asked for its queue.
struct ServersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers",
        abstract: "List the servers of $XDG_CONFIG_HOME/comfykit/servers.toml (else the configured ones): ● up or ○ down, queue length.",
        discussion: """
            A server's table in servers.toml holds url and, for its origin only, api_key (or api_key_env, the name of \
            a variable holding it) and cookies; `default = ["box1", "box2"]` names the servers used when no --server \
            is given. Credentials are never shown, only whether a server has them.
            """)

    @Flag(help: "One JSON object per server: name, url, default, up, queue (running + pending), credentials.")
    var json = false

    @Option(help: ArgumentHelp("How long to wait for each server's /queue, in seconds.", valueName: "seconds"))
    var timeout: Double = 3

    @OptionGroup var serverOptions: ServerOptions

    func validate() throws {
        guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try serverOptions.configuration(environment: environment)
        let location = ServersFile.location(environment: environment)
        let file: ServersFile
        do {
            file = try location.map { try ServersFile.load($0, environment: environment) } ?? ServersFile()
        } catch {
            throw CLIFailure("\(error)")
        }
        let listed = serverOptions.server.isEmpty && !file.servers.isEmpty
            ? file.servers.keys.sorted().compactMap { file.servers[$0] } : configuration.servers
        let probes = await withTaskGroup(of: (Int, ServerProbe).self) { group in
            for (index, entry) in listed.enumerated() {
                group.addTask { (index, await ServerProbe.probe(entry, configuration: configuration, timeout: .milliseconds(Int64(timeout * 1000)))) }
            }
            var all = [ServerProbe?](repeating: nil, count: listed.count)
            for await (index, probe) in group { all[index] = probe }
            return all.compactMap { $0 }
        }
        let defaults = Set(file.defaultNames)
        if json {
            for (entry, probe) in zip(listed, probes) {
                var object: JSONObject = [
                    "name": .string(entry.name), "url": .string(entry.baseURL.redactedForDisplay), "default": .bool(defaults.contains(entry.name)),
                    "up": .bool(probe.queue != nil), "api_key": .bool(entry.apiKey != nil), "cookies": .bool(entry.cookies != nil),
                ]
                if let queue = probe.queue { object["queue"] = .number(JSONNumber(queue)) }
                if let problem = probe.problem { object["error"] = .string(problem) }
                Terminal.output(JSONWriter.string(.object(object)))
            }
            return
        }
        if serverOptions.server.isEmpty, file.servers.isEmpty, let location {
            Terminal.error("\(location.path) names no servers; showing the configured one\(listed.count == 1 ? "" : "s")\n")
        }
        let rows = zip(listed, probes).map { entry, probe in
            [
                (probe.queue != nil ? "●" : "○") + " " + entry.name + (defaults.contains(entry.name) ? " *" : ""),
                entry.baseURL.redactedForDisplay,
                probe.queue.map { "\($0) queued" } ?? "down: \(probe.problem ?? "no answer")",
                [entry.apiKey != nil ? "api key" : nil, entry.cookies != nil ? "cookies" : nil].compactMap { $0 }.joined(separator: ", "),
            ]
        }
        for line in TextTable.table(header: ["SERVER", "URL", "QUEUE", "CREDENTIALS"], rows: rows) { Terminal.output(line) }
        if !defaults.isEmpty { Terminal.output("  * used when no --server is given (servers.toml's default)") }
    }
}

/// One server's answer to `GET /queue`, or why there was none, within a time limit.
struct ServerProbe: Sendable {
    /// Running plus pending prompts; `nil` when the server did not answer.
    var queue: Int?
    var problem: String?

    static func probe(_ entry: ServerEntry, configuration: ComfyKitConfiguration, timeout: Duration) async -> ServerProbe {
        let kit = ComfyKit(servers: [entry], configuration: configuration)
        defer { Task { await kit.close() } }
        return await withTaskGroup(of: ServerProbe.self) { group in
            group.addTask {
                do {
                    let queue = try await kit.client.queue()
                    return ServerProbe(queue: queue.running.count + queue.pending.count)
                } catch {
                    return ServerProbe(problem: Self.reason(error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return ServerProbe(problem: "no answer in \(timeout.components.seconds) s")
            }
            let first = await group.next() ?? ServerProbe(problem: "no answer")
            group.cancelAll()
            return first
        }
    }

    /// `connection refused`, not the whole "cannot reach server …: GET /queue: …" sentence the table already frames.
    private static func reason(_ error: any Error) -> String {
        if case .unreachable(_, let reason)? = error as? ComfyUIError { return reason.replacingOccurrences(of: "GET /queue: ", with: "") }
        return "\(error)"
    }
}
