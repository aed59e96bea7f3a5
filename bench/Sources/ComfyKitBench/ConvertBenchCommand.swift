import ArgumentParser
import ComfyKit
import Foundation

/// Converts an editor-format file to the API prompt as `comfykit convert` does (read, parse, convert with a
/// catalog built once from an `/object_info` file): the time of each repetition.
struct ConvertBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Time read + parse + convert of an editor-format file.")

    @Option(help: "The editor-format file.")
    var file: String

    @Option(help: "The server's /object_info, as a file.")
    var objectInfo: String

    @Option(help: "Repetitions.")
    var repeats = 20

    struct Output: Encodable {
        let seconds: [Double]
        let catalogSeconds: Double
        let nodes: Int
        let promptNodes: Int
    }

    func run() async throws {
        let catalogStart = Clocks.monotonicNanoseconds()
        guard let objectInfo = try JSONValue(parsing: Array(Data(contentsOf: URL(fileURLWithPath: objectInfo)))).objectValue else {
            throw BenchError(description: "--object-info: not a JSON object")
        }
        let converter = EditorConverter(catalog: WidgetCatalog(objectInfo))
        let catalogSeconds = Double(Clocks.monotonicNanoseconds() - catalogStart) / 1e9
        var times: [Double] = []
        var nodes = 0, promptNodes = 0
        for _ in 0..<repeats {
            let start = Clocks.monotonicNanoseconds()
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            guard let document = try JSONValue(parsing: bytes).objectValue else { throw BenchError(description: "--file: not a JSON object") }
            let prompt = try converter.prompt(for: document, source: file)
            times.append(Double(Clocks.monotonicNanoseconds() - start) / 1e9)
            nodes = document["nodes"]?.arrayValue?.count ?? 0
            promptNodes = prompt.count
        }
        try emit(Output(seconds: times, catalogSeconds: catalogSeconds, nodes: nodes, promptNodes: promptNodes))
    }
}
