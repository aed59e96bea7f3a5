import ArgumentParser
import ComfyKit
import Foundation

/// `comfykit convert <file>`: an editor-format workflow as the API prompt the ComfyUI frontend would send.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn a workflow saved by the ComfyUI editor (nodes, links, widgets_values) into the API format.",
        discussion: """
            Widget values are named through a server's /object_info: from --object-info FILE, else from the \
            server (--server, else $COMFYUI_BASE_URL, else http://127.0.0.1:8188). Prints the prompt on stdout \
            unless -o names a file.
            """
    )

    @Argument(help: "A workflow file in the editor's format.")
    var file: String

    @Option(name: .customLong("object-info"), help: ArgumentHelp("A saved GET /object_info answer to use instead of asking a server.", valueName: "file"))
    var objectInfo: String?

    @OptionGroup var serverOptions: ServerOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the API prompt to this file (replaced atomically).", valueName: "file"))
    var output: String?

    func run() async throws {
        let document = try Self.readObject(file, what: "workflow")
        guard EditorConverter.isEditorFormat(document) else {
            throw CLIFailure("\(file): already an API-format workflow (no \"nodes\" and \"links\"): nothing to convert")
        }
        let catalog = WidgetCatalog(try await objectInfoDocument())
        let prompt: JSONObject
        do {
            prompt = try EditorConverter(catalog: catalog).prompt(for: document, source: file)
        } catch {
            throw CLIFailure(error.description)
        }
        let text = JSONWriter.string(.object(prompt), indent: 2) + "\n"
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure("cannot write \(output): \((error as NSError).localizedDescription)")
        }
    }

    /// The `/object_info` document: the file given, else the server's answer.
    private func objectInfoDocument() async throws -> JSONObject {
        if let objectInfo { return try Self.readObject(objectInfo, what: "object_info") }
        let kit = ComfyKit(configuration: try serverOptions.configuration())
        defer { Task { await kit.close() } }
        do {
            return try await kit.client.objectInfo()
        } catch {
            throw CLIFailure("cannot read /object_info from \(kit.client.server.description) (or give --object-info FILE): \(error)")
        }
    }

    /// A JSON object from a file, or a one-line failure naming the file.
    static func readObject(_ path: String, what: String) throws -> JSONObject {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure("cannot read \(what) file \(path): \((error as NSError).localizedDescription)")
        }
        do {
            guard let object = try JSONValue(parsing: Array(bytes)).objectValue else {
                throw CLIFailure("\(path): expected a JSON object")
            }
            return object
        } catch let error as CLIFailure {
            throw error
        } catch {
            throw CLIFailure("\(path): \(error)")
        }
    }
}
