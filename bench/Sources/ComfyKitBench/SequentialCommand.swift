import ArgumentParser
import ComfyKit
import Foundation

/// Runs a workflow N times one after the other in one process and one kit, recording when each run
/// started and when its result was in hand, and (optionally) the process RSS every few runs.
struct SequentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sequential", abstract: "N runs one after another; per-run times and RSS samples.")

    @OptionGroup var server: ServerOptions

    @Option(help: "Runs to make.")
    var runs = 30

    @Option(help: "Runs made first and not reported (connection set-up, first-use costs).")
    var warmup = 3

    @Option(help: "Sample RSS after every this many runs (0: never).")
    var rssEvery = 0

    struct Run: Encodable {
        let promptID: String
        let startNS: UInt64
        let doneNS: UInt64
    }

    struct Output: Encodable {
        let runs: [Run]
        let failed: [String]
        let wallSeconds: Double
        let cpuSeconds: Double
        /// `[run index, RSS bytes]` after that many runs (warm-up included).
        let rss: [[Int]]
    }

    func run() async throws {
        let kit = try server.makeKit()
        var color = server.colorBase
        for _ in 0..<warmup {
            let result = await kit.execute(.file(path: server.workflow), params: ["color": .int(color)])
            color += 1
            guard result.status == .completed else { throw BenchError(description: "warm-up run failed: \(result.msg ?? "\(result.status)")") }
        }
        var records: [Run] = []
        var failed: [String] = []
        var rss: [[Int]] = [[0, Clocks.currentRSSBytes()]]
        records.reserveCapacity(runs)
        let cpuStart = Clocks.cpuSeconds()
        let wallStart = Clocks.monotonicNanoseconds()
        for index in 1...runs {
            let start = Clocks.monotonicNanoseconds()
            let result = await kit.execute(.file(path: server.workflow), params: ["color": .int(color)])
            let done = Clocks.monotonicNanoseconds()
            color += 1
            if result.status == .completed, let id = result.promptID {
                records.append(Run(promptID: id, startNS: start, doneNS: done))
            } else {
                failed.append(result.msg ?? "\(result.status)")
            }
            if rssEvery > 0, index % rssEvery == 0 { rss.append([index, Clocks.currentRSSBytes()]) }
        }
        let wall = Double(Clocks.monotonicNanoseconds() - wallStart) / 1e9
        let cpu = Clocks.cpuSeconds() - cpuStart
        await kit.close()
        try emit(Output(runs: records, failed: failed, wallSeconds: wall, cpuSeconds: cpu, rss: rss))
    }
}
