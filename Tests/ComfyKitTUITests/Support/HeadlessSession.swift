import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
@testable import ComfyKitTUI

/// The real runtime on the headless terminal against a server, recording in a history of its own: a script of
/// steps, each waiting for a screen and answering with keys, as a user at the keyboard would.
struct HeadlessSession {
    /// One step: when `condition` holds on the screen's text, send `inputs` (keys, a signal) and go on to the next step.
    struct Step {
        let what: String
        let condition: (String) -> Bool
        let inputs: [TerminalInput]
    }

    let server: URL
    let history: RunHistory?
    let folder: String

    /// Runs the steps (at most `seconds` in all); returns the name of the first step not reached (`nil`: all were)
    /// and the last screen.
    func run(_ steps: [Step], within seconds: Double = 30) async throws -> (missed: String?, screen: String) {
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: server), environment: [:]))
        let started = Date()
        var next = 0
        // Past the last step the script waits for the time limit, which ends the loop with SIGTERM.
        let terminal = HeadlessTerminal(width: 110, height: 32) { terminal in
            if Date().timeIntervalSince(started) > seconds { return [.quitSignal(SIGTERM)] }
            guard next < steps.count else { return [] }
            let text = terminal.screen.lines.joined(separator: "\n")
            guard steps[next].condition(text) else { return [] }
            next += 1
            return steps[next - 1].inputs
        }
        var state = AppState(folder: folder, serverURL: server.absoluteString)
        state.recording = history == nil ? .off : .on
        _ = Runtime(state: state, kit: kit, downloadFolder: FileManager.default.temporaryDirectory, history: history).run(on: terminal)
        await kit.close()
        return (next < steps.count ? steps[next].what : nil, terminal.screen.lines.joined(separator: "\n"))
    }
}

extension HeadlessSession.Step {
    static func when(_ what: String, _ condition: @escaping (String) -> Bool, press keys: [Key]) -> Self {
        Self(what: what, condition: condition, inputs: keys.map(TerminalInput.key))
    }

    static func when(_ what: String, _ condition: @escaping (String) -> Bool, send inputs: [TerminalInput]) -> Self {
        Self(what: what, condition: condition, inputs: inputs)
    }

    /// Keys that filter the list to `name` and open its form.
    static func open(_ name: String) -> Self {
        when("the list", { $0.contains(name) && !$0.contains("reading…") },
             press: [.character("/")] + name.map { Key.character($0) } + [.enter, .enter])
    }
}
