import Foundation

/// A detached tmux session on its own server socket, so killing it can touch nothing else: keys in, screen out.
public struct TmuxSession: Sendable {
    /// True when `tmux` is on `PATH`; end-to-end suites are enabled on it.
    public static var isAvailable: Bool { Subprocess.isInstalled("tmux") }

    /// The tmux server's socket name (`tmux -L`).
    public let socket: String
    let target = "tui"

    /// Starts `command` (a `sh -c` string) in a `width`×`height` window, UTF-8, with no user config.
    static func start(_ command: String, width: Int, height: Int, in directory: URL) async throws -> TmuxSession {
        let session = TmuxSession(socket: "comfykit-e2e-" + UUID().uuidString.prefix(8).lowercased())
        // The tmux server forks from this client and would inherit Foundation's descriptors, making the
        // client look alive until the server ends; bash closes every descriptor above stderr first.
        let closeInheritedDescriptors = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@""#
        let started = try await Subprocess.spawnWithCleanSignals(
            ["bash", "-c", closeInheritedDescriptors, "bash", "tmux", "-L", session.socket, "-f", "/dev/null", "-u",
             "new-session", "-d", "-s", session.target, "-x", "\(width)", "-y", "\(height)", "-c", directory.path, command])
        guard started == 0 else { throw HarnessFailure("tmux new-session failed with wait status \(started)") }
        return session
    }

    /// Types keys by tmux name: `Enter`, `Escape`, `Tab`, `C-c`, or a single character.
    public func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", target] + keys)
    }

    /// Types text literally.
    public func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", target, "-l", text])
    }

    /// Resizes the window, as a user dragging the terminal's corner would.
    public func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    public func capture() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", target]).stdout
    }

    /// The visible screen with its colours and attributes as SGR escape sequences (`capture-pane -e`), to check
    /// what colour text cells are drawn in.
    public func captureWithStyles() async throws -> String {
        try await tmux(["capture-pane", "-p", "-e", "-t", target]).stdout
    }

    /// True while the session's command has not exited.
    public func isAlive() async throws -> Bool {
        try await tmux(["has-session", "-t", target]).status == 0
    }

    /// Waits until the screen satisfies `condition`; on timeout the error shows the last screen.
    @discardableResult
    public func waitForScreen(_ what: String, within seconds: Double = 10, _ condition: (String) -> Bool) async throws -> String {
        var last = ""
        do {
            return try await eventually(what, within: seconds) {
                last = try await capture()
                return condition(last) ? last : nil
            }
        } catch {
            throw HarnessFailure("timed out after \(seconds) s waiting for \(what); screen:\n\(last)")
        }
    }

    /// Sends a mouse report as a terminal would (X10 encoding, 0-based cell): button 0 is a left press,
    /// 64 and 65 the wheel up and down.
    public func mouse(button: Int, column: Int, row: Int) async throws {
        let report = "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + column)))
            + String(UnicodeScalar(UInt8(33 + row)))
        try await type(report)
    }

    /// The process id of the pane's command (the `sh -c` wrapper).
    public func panePID() async throws -> Int32 {
        let text = try await tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).stdout
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HarnessFailure("tmux gave no pane pid: \(text)")
        }
        return pid
    }

    /// Lets the app set tmux's paste buffer with OSC 52 (tmux's default ignores it).
    public func acceptClipboard() async throws {
        try await tmux(["set-option", "-g", "set-clipboard", "on"])
    }

    /// The newest paste buffer, `nil` when there is none.
    public func pasteBuffer() async throws -> String? {
        let output = try await tmux(["show-buffer"])
        return output.status == 0 ? output.stdout : nil
    }

    /// Ends the server and everything in it, and removes the socket file tmux leaves behind.
    func kill() async {
        _ = try? await tmux(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) async throws -> ProcessOutput {
        try await Subprocess.run("tmux", ["-L", socket] + arguments)
    }
}
