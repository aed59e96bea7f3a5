import ArgumentParser
import ComfyKit
import Foundation

/// `comfykit inspect <workflow>`: what a workflow takes and gives.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a workflow's params (name, kind, required, default, where bound) and outputs.",
        discussion: "Exits 0 when the workflow is usable, 1 when it cannot be loaded or its DSL is broken."
    )

    @Argument(help: "An API-format workflow file, an http(s) URL, or a RunningHub workflow id.")
    var workflow: String

    @Flag(help: "Print the spec as JSON, for scripts.")
    var json = false

    func run() async throws {
        let source = WorkflowSource(argument: workflow)
        let kit: ComfyKit
        do {
            // Only RunningHub workflows need settings here (RUNNINGHUB_API_KEY, RUNNINGHUB_BASE_URL).
            kit = try ComfyKit()
        } catch {
            throw UsageError(error.description)
        }
        do {
            let graph = try await kit.load(source).workflow
            let spec = try WorkflowSpec(graph)
            print(json ? JSONWriter.string(spec.json, indent: 2) : SpecTable.render(spec, nodeCount: graph.nodes.count))
        } catch {
            await kit.close()
            throw CLIFailure(String(describing: error))
        }
        await kit.close()
    }
}

/// A failure already phrased for the user: printed as one `error:` line, exit code 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

extension CLIFailure: LocalizedError {
    var errorDescription: String? { description }
}
