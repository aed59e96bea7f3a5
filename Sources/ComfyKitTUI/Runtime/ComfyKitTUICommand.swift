import ArgumentParser

struct ComfyKitTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comfykit-tui")
    func run() throws {}
}
