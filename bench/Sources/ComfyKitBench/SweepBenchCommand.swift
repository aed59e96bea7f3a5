import ArgumentParser
import ComfyKit
import Foundation

/// A sweep of N trivial prompts (each its own `color`) over the servers given, from one kit: wall time, this
/// process's CPU time and where the prompts ran.
struct SweepBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sweep", abstract: "N prompts of one sweep routed over the servers given.")

    @Option(help: "A ComfyUI server; repeat it for several.")
    var server: [String]

    @Option(help: "A workflow with an int param `color`.")
    var workflow: String

    @Option(help: "Prompts in the sweep.")
    var prompts = 600

    @Option(help: "First value of `color`; prompts use base, base+1, …")
    var colorBase = 0

    struct Output: Encodable {
        let completed: Int
        let failed: [String]
        let perServer: [String: Int]
        let wallSeconds: Double
        let cpuSeconds: Double
    }

    func run() async throws {
        let urls = try server.map { text in
            guard let url = URL(string: text) else { throw BenchError(description: "--server is not a URL: \(text)") }
            return url
        }
        let kit = ComfyKit(servers: urls, configuration: try ComfyKitConfiguration.resolve(environment: [:]))
        let loaded = try await kit.load(.file(path: workflow))
        // One warm-up prompt per server opens the sockets and the pools, as a long-lived client would have them.
        let warm = Variation(param: "color", values: (0..<urls.count).map { .int(colorBase + $0) })
        for await event in kit.sweep(loaded, vary: [warm]) {
            if case .finished(_, _, let outcome) = event, outcome.result.status != .completed {
                throw BenchError(description: "warm-up prompt failed: \(outcome.result.msg ?? "\(outcome.result.status)")")
            }
        }
        let colors = Variation(param: "color", values: (0..<prompts).map { .int(colorBase + urls.count + $0) })
        let cpuStart = Clocks.cpuSeconds()
        let start = Clocks.monotonicNanoseconds()
        var completed = 0
        var failed: [String] = []
        var perServer: [String: Int] = [:]
        for await event in kit.sweep(loaded, vary: [colors]) {
            switch event {
            case .finished(_, let server, let outcome):
                if outcome.result.status == .completed { completed += 1 } else { failed.append(outcome.result.msg ?? "\(outcome.result.status)") }
                perServer[server ?? "-", default: 0] += 1
            case .refused(let refusal):
                throw BenchError(description: "sweep refused: \(refusal)")
            default:
                break
            }
        }
        let done = Clocks.monotonicNanoseconds()
        let cpu = Clocks.cpuSeconds() - cpuStart
        await kit.close()
        try emit(Output(completed: completed, failed: failed, perServer: perServer, wallSeconds: Double(done - start) / 1e9, cpuSeconds: cpu))
    }
}
