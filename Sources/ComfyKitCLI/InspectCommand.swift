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

    @Argument(help: "A workflow file (API or editor format), an http(s) URL, or a RunningHub workflow id.")
    var workflow: String

    @Flag(help: "Print the spec as JSON, for scripts.")
    var json = false

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        do {
            let graph = try await graph(of: WorkflowSource(argument: workflow))
            let spec = try WorkflowSpec(graph)
            print(json ? JSONWriter.string(spec.json, indent: 2) : SpecTable.render(spec, nodeCount: graph.nodes.count))
        } catch let error as UsageError {
            throw error
        } catch {
            throw CLIFailure(String(describing: error))
        }
    }

    /// A local graph as it is; an editor-format one converted with the server's /object_info (else the copy
    /// kept from an earlier visit); a RunningHub id or stub's graph from RunningHub (RUNNINGHUB_API_KEY, RUNNINGHUB_BASE_URL).
    func graph(of source: WorkflowSource) async throws -> Workflow {
        let document = try await WorkflowLoader().load(source)
        if case .editor(let editor) = document {
            let kit = ComfyKit(configuration: try serverOptions.configuration())
            defer { Task { await kit.close() } }
            return try await kit.workflow(converting: editor)
        }
        guard case .runningHub(let id, _) = document else { return try document.localWorkflow() }
        let kit: ComfyKit
        do {
            kit = try ComfyKit()
        } catch {
            throw UsageError(error.description)
        }
        do {
            let graph = try await kit.load(.runningHub(id)).workflow
            await kit.close()
            return graph
        } catch {
            await kit.close()
            throw error
        }
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
