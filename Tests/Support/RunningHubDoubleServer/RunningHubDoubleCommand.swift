import ArgumentParser
import ComfyKitTesting
import Foundation
import RunningHubTestDouble

/// `runninghub-double`: runs the RunningHub test double until SIGINT or SIGTERM, printing its URL first.
@main
struct RunningHubDoubleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runninghub-double",
        abstract: "Run a RunningHub v1 API test double on 127.0.0.1.",
        discussion: "The first line on stdout is the base URL (http://127.0.0.1:PORT); use it as RUNNINGHUB_BASE_URL."
    )

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 0

    @Option(help: "A key the double accepts (repeatable; default rh-test-key).")
    var key: [String] = []

    @Option(name: .customLong("workflow"), help: ArgumentHelp("ID=FILE: serve this API-format JSON as cloud workflow ID (repeatable).", valueName: "id=file"))
    var workflows: [String] = []

    @Option(help: "The outputs answers before the end, in order: q (813 queued), r (804 running), e.g. q,r,r.")
    var phases = "q,r"

    @Flag(help: "End the task with the documented 805 failure instead of outputs.")
    var fail = false

    @Flag(name: .customLong("progress-socket"), help: "Give a netWssUrl whose socket sends progress frames.")
    var progressSocket = false

    func run() async throws {
        var configuration = RunningHubDoubleConfiguration()
        configuration.port = port
        if !key.isEmpty { configuration.apiKeys = Set(key) }
        for entry in workflows {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--workflow expects ID=FILE, got '\(entry)'") }
            configuration.workflows[String(parts[0])] = try String(contentsOfFile: String(parts[1]), encoding: .utf8)
        }
        configuration.phases = try phases.split(separator: ",").map { letter in
            switch letter {
            case "q": .queued
            case "r": .running
            default: throw ValidationError("--phases takes q and r, got '\(letter)'")
            }
        }
        if fail { configuration.ending = .failure(failedReason: RunningHubDoubleConfiguration.documentedFailedReason) }
        configuration.progressSocket = progressSocket
        let double = try await RunningHubDouble.start(configuration)
        FileHandle.standardOutput.write(Data((double.baseURL.absoluteString + "\n").utf8))
        await TerminationSignal.wait()
        await double.shutdown()
    }
}
