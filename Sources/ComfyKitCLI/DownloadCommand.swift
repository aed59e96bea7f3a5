import ArgumentParser
import ComfyKit
import Foundation

/// `comfykit download <prompt_id>`: fetch a finished run's outputs.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download the outputs of a prompt that ran on the server (read from its /history).")

    @Argument(help: "The prompt id, as `comfykit run` printed it.")
    var promptID: String

    @Option(help: ArgumentHelp("Where to save the files (created if missing).", valueName: "dir"))
    var to: String = "."

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        let kit = ComfyKit(configuration: try serverOptions.configuration())
        defer { Task { await kit.close() } }
        let result: ExecuteResult?
        do {
            result = try await kit.result(ofPrompt: promptID)
        } catch {
            throw CLIFailure("\(error)")
        }
        guard let result else { throw CLIFailure("prompt \(promptID) is not in the server's history (unknown, still running, or the server restarted)") }
        if result.images.isEmpty && result.videos.isEmpty && result.audios.isEmpty {
            throw CLIFailure("prompt \(promptID) has no files to download" + (result.msg.map { " (\($0))" } ?? ""))
        }
        try await OutputsDownload.run(result, kit: kit, to: to)
    }
}
