import ArgumentParser
import ComfyKit
import Foundation

/// Flags shared by the commands that talk to a ComfyUI server.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The ComfyUI server (default: $COMFYUI_BASE_URL, else http://127.0.0.1:8188).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("ws (live progress over WebSocket) or http (polling); default $COMFYUI_EXECUTOR_TYPE, else ws.", valueName: "ws|http"))
    var executor: String?

    /// The configuration: these flags, else the environment, else defaults.
    func configuration() throws -> ComfyKitConfiguration {
        var overrides = ComfyKitConfiguration.Overrides()
        if let server {
            let url: URL
            do {
                url = try ComfyKitConfiguration.serverURL(server)
            } catch {
                throw UsageError(error.description)
            }
            overrides.comfyUIBaseURL = url
        }
        if let executor {
            guard let kind = ExecutorKind(parsing: executor) else { throw UsageError("--executor \(executor): expected ws or http") }
            overrides.executor = kind
        }
        do {
            return try ComfyKitConfiguration.resolve(overrides)
        } catch {
            throw UsageError(error.description)
        }
    }
}

/// Wrong flags or params: one `Error:` line and exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
