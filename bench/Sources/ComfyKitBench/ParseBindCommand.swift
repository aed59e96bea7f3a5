import ArgumentParser
import ComfyKit
import Foundation

/// Loads a (large) workflow file, reads its DSL and binds values, as a run does before submitting:
/// the time of each repetition.
struct ParseBindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse-bind", abstract: "Time load + WorkflowSpec + bind of a workflow file.")

    @Option(help: "The workflow file.")
    var workflow: String

    @Option(help: "Params as a JSON object of name → value (ints, doubles, strings).")
    var params = "{}"

    @Option(help: "Repetitions.")
    var repeats = 20

    struct Output: Encodable {
        let seconds: [Double]
        let nodes: Int
        let params: Int
    }

    func run() async throws {
        let values = try Self.values(params)
        var times: [Double] = []
        var nodes = 0, paramCount = 0
        for _ in 0..<repeats {
            let start = Clocks.monotonicNanoseconds()
            let graph = try WorkflowLoader().loadFile(workflow).localWorkflow()
            let spec = try WorkflowSpec(graph)
            let bound = try ParamBinder.bind(graph, spec: spec, values: values)
            let end = Clocks.monotonicNanoseconds()
            times.append(Double(end - start) / 1e9)
            nodes = bound.workflow.nodes.count
            paramCount = spec.params.count
        }
        try emit(Output(seconds: times, nodes: nodes, params: paramCount))
    }

    static func values(_ json: String) throws -> [String: ParamValue] {
        guard case .object(let object) = try JSONValue(parsing: json) else {
            throw BenchError(description: "--params must be a JSON object")
        }
        var values: [String: ParamValue] = [:]
        for (name, value) in object.members {
            switch value {
            case .string(let text): values[name] = .string(text)
            case .bool(let flag): values[name] = .bool(flag)
            default:
                guard let number = value.doubleValue else { throw BenchError(description: "param \(name): only strings, booleans and numbers") }
                values[name] = value.intValue.map(ParamValue.int) ?? .double(number)
            }
        }
        return values
    }
}
