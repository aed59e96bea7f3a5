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
        subcommands: [InspectCommand.self]
    )
}
