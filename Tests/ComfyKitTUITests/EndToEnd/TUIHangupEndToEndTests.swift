import ComfyKitTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A terminal that goes away without a SIGHUP reaching the app (its emulator closed the pty; the app is not in
/// the pty's session) makes every read fail at once: the app takes that as a hangup and ends, instead of spinning
/// on failed reads.
@Suite(.serialized)
struct TUIHangupEndToEndTests {
    @Test func theAppEndsWhenItsTerminalIsGone() async throws {
        var controller: Int32 = -1, terminal: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        try #require(openpty(&controller, &terminal, nil, nil, &size) == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tui-hangup-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: SharedFixtures.workflow(SharedFixtures.workflowNames[0]),
                                        to: folder.appendingPathComponent(SharedFixtures.workflowNames[0]))
        let app = Process()
        app.executableURL = Subprocess.product("comfykit-tui")
        app.arguments = [folder.path, "--no-history", "--server", "http://127.0.0.1:9"]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment.removeValue(forKey: "TMUX")
        app.environment = environment
        let handle = FileHandle(fileDescriptor: terminal, closeOnDealloc: true)
        app.standardInput = handle
        app.standardOutput = handle
        app.standardError = handle
        try app.run()
        close(terminal)
        defer { if app.isRunning { app.terminate() } }
        // Wait for the first frame, reading what the app writes.
        var screen = ""
        let drawn = try await eventually("the first frame", within: 20) { () -> Bool? in
            var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            while poll(&descriptor, 1, 0) > 0, descriptor.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = read(controller, &buffer, buffer.count)
                guard count > 0 else { break }
                screen += String(decoding: buffer[..<count], as: UTF8.self)
            }
            // curses is on the screen: the alternate screen switched to and something drawn after it.
            return screen.contains("\u{1b}[?1049h") && screen.count > 400 ? true : nil
        }
        #expect(drawn)
        try await Task.sleep(for: .milliseconds(500))
        #expect(app.isRunning, "the app ended before its terminal was closed: \(screen.suffix(300))")
        close(controller)
        let ended = try await eventually("the app's end after its terminal closed", within: 10) { app.isRunning ? nil : true }
        #expect(ended)
        #expect(!app.isRunning)
    }
}
