import Foundation
import ArgumentParser
import ComfyKit

/// `comfykit`: run and inspect ComfyUI workflows from scripts and terminals.
@main
struct ComfyKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comfykit",
        abstract: "Inspect and run ComfyUI workflows whose node titles carry ComfyKit DSL markers.",
        discussion: """
            A workflow is an API-format JSON file, an http(s) URL, or a RunningHub workflow id (digits).
            Settings come from flags, else the environment (COMFYUI_BASE_URL, COMFYUI_EXECUTOR_TYPE, \
            COMFYUI_API_KEY, COMFYUI_COOKIES, RUNNINGHUB_*), else defaults.
            """,
        subcommands: [InspectCommand.self, RunCommand.self, RunsCommand.self, DownloadCommand.self, ConvertCommand.self, ServersCommand.self]
    )

    /// Usage errors exit with 2 (ArgumentParser's default is 64); everything else as ArgumentParser decides.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UsageError {
            Terminal.error("Error: \(error.description)\n")
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
