import Foundation

/// A temporary folder for one end-to-end test of `comfykit-tui`: a copy of the shared workflows plus a broken
/// file, a download folder, and XDG dirs of its own so remembered values or user themes never leak in.
public struct TUIWorkspace: Sendable {
    /// The name of the file that is not JSON, listed first.
    public static let brokenFileName = "00_broken.json"

    /// The folder everything is in (and the tmux window's working directory).
    public let root: URL
    /// The workflows the app lists.
    public var workflows: URL { root.appendingPathComponent("workflows") }
    /// Where the app saves downloads.
    public var downloads: URL { root.appendingPathComponent("downloads") }

    init() throws {
        // Short, so a broken file's reason (which starts with its path) fits on the list line.
        root = URL(fileURLWithPath: "/tmp/ckt-" + UUID().uuidString.prefix(8).lowercased())
        let fm = FileManager.default
        try fm.createDirectory(at: workflows, withIntermediateDirectories: true)
        try fm.createDirectory(at: downloads, withIntermediateDirectories: true)
        for name in SharedFixtures.workflowNames {
            try fm.copyItem(at: SharedFixtures.workflow(name), to: workflows.appendingPathComponent(name))
        }
        try Data("{ not json".utf8).write(to: workflows.appendingPathComponent(Self.brokenFileName))
    }

    /// The shell command that starts `comfykit-tui` on the workflows against `server`; `images` is its `--images`
    /// (`nil`: the app's own choice, auto).
    public func tuiCommand(server: URL, images: String? = nil) -> String {
        let tui = Subprocess.product("comfykit-tui").path
        let environment = ["LANG=C.UTF-8", "XDG_STATE_HOME=" + quoted(root.appendingPathComponent("state").path),
                           "XDG_CONFIG_HOME=" + quoted(root.appendingPathComponent("config").path)]
        return (["env"] + environment + [quoted(tui), quoted(workflows.path), "--server", quoted(server.absoluteString),
                                         "--download-dir", quoted(downloads.path)] + (images.map { ["--images", $0] } ?? [])).joined(separator: " ")
    }

    /// `command`, then its exit status written to ``exitStatusFile`` and the terminal's settings (`stty -a`) to
    /// ``ttySettingsFile``: how the app left the tty.
    public func reportingExitAndTTY(_ command: String) -> String {
        "\(command); echo $? > \(quoted(exitStatusFile.path)); stty -a > \(quoted(ttySettingsFile.path))"
    }

    /// Where ``reportingExitAndTTY(_:)`` writes the exit status.
    public var exitStatusFile: URL { file("status.txt") }
    /// Where ``reportingExitAndTTY(_:)`` writes `stty -a`.
    public var ttySettingsFile: URL { file("stty.txt") }

    /// The app's log (under the workspace's `XDG_STATE_HOME`).
    public var logFile: URL { root.appendingPathComponent("state/comfykit/comfykit-tui.log") }

    /// A path under the workspace.
    public func file(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// `text` quoted for `sh`.
    public func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Starts `comfykit-tui` against `server` in a fresh ``TUIWorkspace`` inside tmux, runs `body`, and always kills
/// the session and removes the workspace.
///
/// ```swift
/// try await withComfyUIDoubleProcess { server in
///     try await withTUI(server: server.baseURL) { tui, workspace in
///         try await tui.waitForScreen("the list") { $0.contains("01_empty_image_save") }
///     }
/// }
/// ```
public func withTUI<Result>(
    server: URL,
    width: Int = 110,
    height: Int = 32,
    _ body: (TmuxSession, TUIWorkspace) async throws -> Result
) async throws -> Result {
    try await withTUI(command: { $0.tuiCommand(server: server) }, width: width, height: height, body)
}

/// Runs the shell `command` built for a fresh ``TUIWorkspace`` (usually around ``TUIWorkspace/tuiCommand(server:)``)
/// inside tmux, runs `body`, and always kills the session and removes the workspace.
public func withTUI<Result>(
    command: (TUIWorkspace) -> String,
    width: Int = 110,
    height: Int = 32,
    _ body: (TmuxSession, TUIWorkspace) async throws -> Result
) async throws -> Result {
    let workspace = try TUIWorkspace()
    return try await withCleanup({ workspace.remove() }) {
        let tui = try await TmuxSession.start(command(workspace), width: width, height: height, in: workspace.root)
        return try await withCleanup({ await tui.kill() }) {
            try await body(tui, workspace)
        }
    }
}

/// Runs the shell `command` in another tmux session in the same `workspace` (a second app beside the first, sharing
/// its state folder), runs `body`, and always kills that session.
public func withAnotherTUI<Result>(
    in workspace: TUIWorkspace,
    command: String,
    width: Int = 110,
    height: Int = 32,
    _ body: (TmuxSession) async throws -> Result
) async throws -> Result {
    let tui = try await TmuxSession.start(command, width: width, height: height, in: workspace.root)
    return try await withCleanup({ await tui.kill() }) {
        try await body(tui)
    }
}
