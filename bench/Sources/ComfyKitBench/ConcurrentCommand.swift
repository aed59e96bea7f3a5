import ArgumentParser
import ComfyKit
import Foundation

/// Starts N runs at once from one kit (one socket, one connection pool) and waits for all of them:
/// wall time and this process's CPU time.
struct ConcurrentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "concurrent", abstract: "N runs at once from one client.")

    @OptionGroup var server: ServerOptions

    @Option(help: "Runs to start at once.")
    var runs = 100

    struct Output: Encodable {
        let promptIDs: [String]
        let failed: [String]
        let startNS: UInt64
        let doneNS: UInt64
        let wallSeconds: Double
        let cpuSeconds: Double
    }

    func run() async throws {
        let kit = try server.makeKit()
        // One warm-up run opens the socket and the pool, as a long-lived client would have them.
        let warm = await kit.execute(.file(path: server.workflow), params: ["color": .int(server.colorBase)])
        guard warm.status == .completed else { throw BenchError(description: "warm-up run failed: \(warm.msg ?? "\(warm.status)")") }
        let cpuStart = Clocks.cpuSeconds()
        let start = Clocks.monotonicNanoseconds()
        let path = server.workflow, base = server.colorBase
        let results = await withTaskGroup(of: ExecuteResult.self) { group in
            for index in 1...runs {
                group.addTask { await kit.execute(.file(path: path), params: ["color": .int(base + index)]) }
            }
            var all: [ExecuteResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let done = Clocks.monotonicNanoseconds()
        let cpu = Clocks.cpuSeconds() - cpuStart
        await kit.close()
        let completed = results.filter { $0.status == .completed }
        try emit(Output(
            promptIDs: completed.compactMap(\.promptID),
            failed: results.filter { $0.status != .completed }.map { $0.msg ?? "\($0.status)" },
            startNS: start, doneNS: done, wallSeconds: Double(done - start) / 1e9, cpuSeconds: cpu))
    }
}
