import ArgumentParser
import ComfyKit
import Foundation

/// One routing decision with many prompts in flight: the fit of the workflow on each server (its node classes
/// and combo values against that server's `/object_info`), then the choice and reservation of the server with
/// the least work, as ``ComfyKit``'s router makes it for every prompt.
struct RouteBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "route", abstract: "Time one routing decision with N prompts in flight.")

    @Option(help: "A workflow (API format) to fit against the catalog.")
    var workflow: String

    @Option(help: "A server's /object_info document (JSON), used for every server.")
    var objectInfo: String

    @Option(help: "Servers to choose among.")
    var servers = 3

    @Option(help: "Prompts already in flight (reserved and not started) before the timed decisions.")
    var inFlight = 1000

    @Option(help: "Timed decisions.")
    var decisions = 20000

    struct Output: Encodable {
        let decisions: Int
        let inFlight: Int
        let servers: Int
        let secondsPerDecision: Double
        let p99Seconds: Double
    }

    func run() async throws {
        let loaded = try WorkflowLoader().loadFile(workflow).localWorkflow()
        guard case .object(let document) = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: objectInfo))) else {
            throw BenchError(description: "\(objectInfo) is not a JSON object")
        }
        let router = RoutingBench(workflow: loaded, objectInfo: ObjectInfo(document), servers: servers)
        for _ in 0..<inFlight { _ = await router.decide(startAfter: false) }
        var times: [Double] = []
        times.reserveCapacity(decisions)
        for _ in 0..<decisions {
            let start = Clocks.monotonicNanoseconds()
            _ = await router.decide(startAfter: true)
            times.append(Double(Clocks.monotonicNanoseconds() - start) / 1e9)
        }
        times.sort()
        try emit(Output(
            decisions: decisions, inFlight: inFlight, servers: servers, secondsPerDecision: times[times.count / 2],
            p99Seconds: times[min(times.count - 1, times.count * 99 / 100)]))
    }
}
