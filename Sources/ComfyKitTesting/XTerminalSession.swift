import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A terminal emulator on an X server of its own — `xterm -ti vt340` (sixel) or kitty (its graphics protocol, drawn
/// by Mesa's software GL) on Xvfb — running one command: keys typed with xdotool, the screen read as pixels with
/// ImageMagick's `import`. Suites enable themselves on ``isAvailable(_:)``.
public struct XTerminalSession: Sendable {
    /// The emulators the picture tests draw in.
    public enum Emulator: String, Sendable {
        /// xterm as a VT340: its DA1 lists sixel.
        case xtermVT340 = "xterm"
        case kitty
    }

    /// The X screen's size in pixels: room for a 110×32 terminal in a 10-point font.
    public static let screenWidth = 1200
    public static let screenHeight = 800

    /// True when Xvfb, xdotool, ImageMagick's `import`, `xwininfo` and the emulator are installed.
    public static func isAvailable(_ emulator: Emulator) -> Bool {
        ["Xvfb", "xdotool", "import", "xwininfo", emulator.rawValue].allSatisfy(Subprocess.isInstalled)
    }

    /// `:N`, as Xvfb chose it.
    public let display: String
    public let columns: Int
    public let rows: Int
    private let server: ProcessHandle
    private let terminal: ProcessHandle

    /// Starts Xvfb on a free display, then `emulator` at the screen's top-left, `columns`×`rows` cells, no padding,
    /// running the `sh -c` string `command` in `directory`; returns once the terminal's window is mapped.
    static func start(_ emulator: Emulator, command: String, columns: Int, rows: Int, in directory: URL) async throws -> XTerminalSession {
        let output = Pipe()
        let server = try ProcessHandle.start("Xvfb", ["-displayfd", "1", "-screen", "0", "\(screenWidth)x\(screenHeight)x24", "-nolisten", "tcp"],
                                             stdout: output)
        // Xvfb writes the display number once it accepts clients.
        let number = await Subprocess.onDispatchThread { String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) }
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !number.isEmpty, Int(number) != nil else {
            server.stop()
            throw HarnessFailure("Xvfb did not say which display it took")
        }
        let display = ":" + number
        let arguments: [String] = switch emulator {
        case .xtermVT340:
            ["-ti", "vt340", "-geometry", "\(columns)x\(rows)+0+0", "-b", "0", "-fa", "DejaVu Sans Mono", "-fs", "10",
             "-xrm", "XTerm*numColorRegisters: 256", "-e", "sh", "-c", command]
        case .kitty:
            ["--config", "NONE", "-o", "window_padding_width=0", "-o", "initial_window_width=\(columns)c", "-o", "initial_window_height=\(rows)c",
             "-o", "remember_window_size=no", "-o", "font_family=DejaVu Sans Mono", "-o", "font_size=10", "sh", "-c", command]
        }
        let terminal: ProcessHandle
        do {
            terminal = try ProcessHandle.start(emulator.rawValue, arguments, directory: directory,
                                               environment: ["DISPLAY": display, "LIBGL_ALWAYS_SOFTWARE": "1"])
        } catch {
            server.stop()
            throw error
        }
        let session = XTerminalSession(display: display, columns: columns, rows: rows, server: server, terminal: terminal)
        do {
            _ = try await eventually("the terminal's window on \(display)", within: 45) { try await session.terminalWindow() }
            // Keys go to the window under the pointer (there is no window manager to give focus).
            try await session.xdotool(["mousemove", "40", "40"])
        } catch {
            session.stop()
            throw error
        }
        return session
    }

    /// Presses keys by X name: `Return`, `Escape`, `Right`, `question`, `v`.
    public func press(_ keys: String...) async throws {
        try await xdotool(["key", "--delay", "40"] + keys)
    }

    /// Types text as keys.
    public func type(_ text: String) async throws {
        try await xdotool(["type", "--delay", "40", text])
    }

    /// The whole X screen, as pixels.
    public func screenshot() async throws -> XScreenshot {
        let output = try await Subprocess.run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                              ["import", "-window", "root", "-depth", "8", "rgb:-"], environment: ["DISPLAY": display])
        let expected = Self.screenWidth * Self.screenHeight * 3
        guard output.status == 0, output.standardOutput.count == expected else {
            throw HarnessFailure("import gave \(output.standardOutput.count) bytes, not \(expected): \(output.stderr)")
        }
        return XScreenshot(width: Self.screenWidth, height: Self.screenHeight, rgb: [UInt8](output.standardOutput))
    }

    /// The terminal window's size in pixels over its cells: one cell's width and height.
    public func cellSize() async throws -> (width: Int, height: Int) {
        guard let window = try await terminalWindow() else { throw HarnessFailure("no terminal window on \(display)") }
        return (window.width / columns, window.height / rows)
    }

    /// The pixels of a rectangle of cells.
    public func pixels(column: Int, row: Int, width: Int, height: Int) async throws -> XScreenshot.Region {
        let cell = try await cellSize()
        return XScreenshot.Region(x: column * cell.width, y: row * cell.height, width: width * cell.width, height: height * cell.height)
    }

    /// The first mapped top-level window with a size (the terminal's), from `xwininfo -root -children`.
    private func terminalWindow() async throws -> (width: Int, height: Int)? {
        let output = try await Subprocess.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["xwininfo", "-root", "-children"],
                                              environment: ["DISPLAY": display])
        for line in output.stdout.split(separator: "\n") {
            guard let match = line.firstMatch(of: /(\d+)x(\d+)\+0\+0/), let width = Int(match.1), let height = Int(match.2),
                  width > 100, height > 100 else { continue }
            return (width, height)
        }
        return nil
    }

    private func xdotool(_ arguments: [String]) async throws {
        let output = try await Subprocess.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["xdotool"] + arguments,
                                              environment: ["DISPLAY": display])
        guard output.status == 0 else { throw HarnessFailure("xdotool \(arguments.joined(separator: " ")): \(output.stderr)") }
    }

    /// Ends the terminal (and the app in it), then the X server.
    func stop() {
        terminal.stop()
        server.stop()
    }
}

/// The X screen as 8-bit RGB pixels, row by row.
public struct XScreenshot: Sendable {
    /// A rectangle of pixels.
    public struct Region: Sendable, Hashable {
        public var x, y, width, height: Int

        public init(x: Int, y: Int, width: Int, height: Int) {
            (self.x, self.y, self.width, self.height) = (x, y, width, height)
        }
    }

    public let width: Int
    public let height: Int
    public let rgb: [UInt8]

    /// How many pixels of `region` (the whole screen by default) are within `tolerance` of `colour` on every channel.
    public func count(near colour: (red: Int, green: Int, blue: Int), tolerance: Int = 28, in region: Region? = nil) -> Int {
        let area = region ?? Region(x: 0, y: 0, width: width, height: height)
        var count = 0
        for y in max(0, area.y)..<min(height, area.y + area.height) {
            for x in max(0, area.x)..<min(width, area.x + area.width) {
                let offset = (y * width + x) * 3
                if abs(Int(rgb[offset]) - colour.red) <= tolerance, abs(Int(rgb[offset + 1]) - colour.green) <= tolerance,
                   abs(Int(rgb[offset + 2]) - colour.blue) <= tolerance { count += 1 }
            }
        }
        return count
    }

    /// The smallest rectangle holding every pixel near `colour`; `nil` when there is none.
    public func bounds(near colour: (red: Int, green: Int, blue: Int), tolerance: Int = 28) -> Region? {
        var (minX, minY, maxX, maxY) = (Int.max, Int.max, -1, -1)
        for y in 0..<height {
            for x in 0..<width {
                let offset = (y * width + x) * 3
                guard abs(Int(rgb[offset]) - colour.red) <= tolerance, abs(Int(rgb[offset + 1]) - colour.green) <= tolerance,
                      abs(Int(rgb[offset + 2]) - colour.blue) <= tolerance else { continue }
                (minX, minY, maxX, maxY) = (min(minX, x), min(minY, y), max(maxX, x), max(maxY, y))
            }
        }
        return maxX < 0 ? nil : Region(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }
}

/// A background process of a harness's, stopped with SIGTERM (then SIGKILL) and reaped.
struct ProcessHandle: Sendable {
    let pid: Int32

    static func start(_ command: String, _ arguments: [String], directory: URL? = nil, environment: [String: String] = [:],
                      stdout: Pipe? = nil) throws -> ProcessHandle {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return ProcessHandle(pid: process.processIdentifier)
    }

    func stop() {
        kill(pid, SIGTERM)
        for _ in 0..<100 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// Starts `comfykit-tui` (the command built for a fresh ``TUIWorkspace``) in `emulator` on an X server of its own,
/// runs `body`, and always stops both and removes the workspace.
public func withXTerminal<Result>(
    _ emulator: XTerminalSession.Emulator,
    command: (TUIWorkspace) -> String,
    columns: Int = 110,
    rows: Int = 32,
    _ body: (XTerminalSession, TUIWorkspace) async throws -> Result
) async throws -> Result {
    let workspace = try TUIWorkspace()
    return try await withCleanup({ workspace.remove() }) {
        let session = try await XTerminalSession.start(emulator, command: command(workspace), columns: columns, rows: rows, in: workspace.root)
        return try await withCleanup({ session.stop() }) {
            try await body(session, workspace)
        }
    }
}
