import Foundation

/// A temporary folder for one end-to-end test: a copy of the shared workflows plus a broken file, a download
/// folder, and XDG dirs of its own so remembered values or user themes never leak in.
struct TUIWorkspace {
    static let brokenFileName = "00_broken.json"

    let root: URL
    var workflows: URL { root.appendingPathComponent("workflows") }
    var downloads: URL { root.appendingPathComponent("downloads") }

    init() throws {
        // Short, so a broken file's reason (which starts with its path) fits on the list line.
        root = URL(fileURLWithPath: "/tmp/ckt-" + UUID().uuidString.prefix(8).lowercased())
        let fm = FileManager.default
        try fm.createDirectory(at: workflows, withIntermediateDirectories: true)
        try fm.createDirectory(at: downloads, withIntermediateDirectories: true)
        let shared = Subprocess.sharedDir.appendingPathComponent("comfyui/workflows")
        for name in try fm.contentsOfDirectory(atPath: shared.path) where name.hasSuffix(".json") {
            try fm.copyItem(at: shared.appendingPathComponent(name), to: workflows.appendingPathComponent(name))
        }
        try Data("{ not json".utf8).write(to: workflows.appendingPathComponent(Self.brokenFileName))
    }

    /// The shell command that starts `comfykit-tui` on the workflows against `server`.
    func tuiCommand(server: URL) -> String {
        let tui = Subprocess.productsDir.appendingPathComponent("comfykit-tui").path
        let environment = ["LANG=C.UTF-8", "XDG_STATE_HOME=" + quoted(root.appendingPathComponent("state").path),
                           "XDG_CONFIG_HOME=" + quoted(root.appendingPathComponent("config").path)]
        return (["env"] + environment + [quoted(tui), quoted(workflows.path), "--server", quoted(server.absoluteString),
                                         "--download-dir", quoted(downloads.path)]).joined(separator: " ")
    }

    func file(_ name: String) -> URL { root.appendingPathComponent(name) }

    func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
