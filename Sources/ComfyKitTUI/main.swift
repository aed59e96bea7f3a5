import ArgumentParser
import Foundation

// Usage errors exit with 2, as `comfykit` does (ArgumentParser's default is 64).
do {
    var command = try ComfyKitTUICommand.parseAsRoot()
    try command.run()
} catch {
    if ComfyKitTUICommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((ComfyKitTUICommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    ComfyKitTUICommand.exit(withError: error)
}
