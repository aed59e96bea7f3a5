import Foundation
import Glibc

/// The last texts typed into each workflow's form, in `$XDG_STATE_HOME/comfykit/forms.json`,
/// keyed by the workflow file's absolute path.
///
/// Only form field texts are kept: configuration and credentials never pass through here.
struct FormMemory: Sendable {
    /// Remembered field texts by param name, for each workflow path.
    typealias Values = [String: [String: String]]

    /// The JSON file the values live in.
    let file: URL

    /// Keeps `forms.json` in `directory`; tests pass a temporary folder.
    init(directory: URL) {
        file = directory.appendingPathComponent("forms.json")
    }

    /// `$XDG_STATE_HOME/comfykit`, with `~/.local/state` when the variable is unset or empty.
    static func standardDirectory(environment: [String: String]) -> URL {
        XDGDirectory.state(environment: environment).appendingPathComponent("comfykit", isDirectory: true)
    }

    /// The absolute, standardised path that values are keyed by.
    static func key(for workflowPath: String) -> String {
        URL(fileURLWithPath: workflowPath).standardizedFileURL.path
    }

    /// Everything remembered; empty when nothing was saved yet or the file cannot be read,
    /// since lost suggestions must never keep the app from starting.
    func load() -> Values {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode(Values.self, from: data)) ?? [:]
    }

    /// Replaces the values remembered for one workflow, keeping the others.
    func remember(_ values: [String: String], for workflowPath: String) throws {
        var all = load()
        all[Self.key(for: workflowPath)] = values
        try write(all)
    }

    /// Writes a temporary file beside `forms.json`, then renames it over, so a crash never leaves half a file.
    private func write(_ values: Values) throws {
        let directory = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let temporary = directory.appendingPathComponent(".forms.json.\(getpid()).tmp")
        try encoder.encode(values).write(to: temporary)
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, NSLocalizedDescriptionKey: reason])
        }
    }
}
