import ComfyKit
import Foundation
import Glibc
import Testing
@testable import ComfyKitTUI

/// The real runtime loop on the headless backend: keys in, frames out, quit by key or by signal.
@Suite(.serialized) struct HeadlessRuntimeTests {
    /// A kit whose server is a closed port on loopback: the probes fail at once and nothing leaves the machine.
    static func offlineKit() throws -> ComfyKit {
        ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: "http://127.0.0.1:9")), environment: [:]))
    }

    static func runtime(_ kit: ComfyKit) -> Runtime {
        Runtime(state: AppState(folder: Fixtures.examplesFolder, serverURL: "http://127.0.0.1:9"), kit: kit,
                downloadFolder: FileManager.default.temporaryDirectory)
    }

    @Test func theLoopListsTheFolderOpensAFormFromKeysAndQuitsOnQ() async throws {
        let kit = try Self.offlineKit()
        let started = Date()
        var step = 0
        var formScreen: [String] = []
        let terminal = HeadlessTerminal(width: 100, height: 30) { terminal in
            let lines = terminal.screen.lines
            let text = lines.joined(separator: "\n")
            // Past the time limit the loop is ended; the expectations below say which step was not reached.
            if Date().timeIntervalSince(started) > 20 { return [.key(.character("q"))] }
            switch step {
            case 0 where text.contains("no-model/solid_color") && !text.contains("reading…"):
                step = 1
                return [.key(.character("/"))] + "solid_color".map { .key(.character($0)) } + [.key(.enter), .key(.enter)]
            case 1 where text.contains("› width"):
                step = 2
                formScreen = lines
                return [.key(.escape), .key(.character("q"))]
            default:
                return []
            }
        }
        let signal = Self.runtime(kit).run(on: terminal)
        await kit.close()
        #expect(signal == nil)
        #expect(step == 2, "screen: \(terminal.screen.lines.joined(separator: "\n"))")
        #expect(formScreen.contains { $0.contains("height") } && formScreen.contains { $0.contains("color") })
        #expect(terminal.frames >= 2)
    }

    @Test func aQuitSignalEndsTheLoopAndIsReturned() async throws {
        let kit = try Self.offlineKit()
        let terminal = HeadlessTerminal(width: 80, height: 24) { _ in [.quitSignal(SIGTERM)] }
        let signal = Self.runtime(kit).run(on: terminal)
        await kit.close()
        #expect(signal == SIGTERM)
    }

    @Test func aSignalReachesTheLoopThroughTheSelfPipe() {
        QuitSignals.install()
        defer { for sig in QuitSignals.signals { signal(sig, SIG_DFL) } }
        #expect(QuitSignals.take() == nil)
        raise(SIGHUP)
        #expect(QuitSignals.take() == SIGHUP)
        #expect(QuitSignals.take() == nil)
    }

    @Test func theHeadlessScreenHoldsTheFrameTheViewRendered() throws {
        let state = try Fixtures.loadedState(width: 80, height: 24)
        var frame = Screen(width: 80, height: 24)
        render(state, into: &frame)
        let terminal = HeadlessTerminal(width: 80, height: 24) { _ in [] }
        terminal.draw(frame.diff(from: Screen(width: 0, height: 0)), fullRedraw: true)
        #expect(terminal.screen.lines == frame.lines)
        terminal.passThrough(OSC52.sequence(copying: "x"))
        #expect(terminal.passedThrough == [OSC52.sequence(copying: "x")])
    }
}

/// Issue 11, item 8: a server that accepts connections and never answers reads as "not answering" within 5 s.
@Suite(.serialized) struct SilentServerTests {
    /// A loopback socket that listens (the kernel completes connections) and never reads or writes.
    private func silentListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(fd >= 0 && bound && listen(fd, 16) == 0)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func theHeaderSaysNotAnsweringWithinFiveSeconds() async throws {
        let listener = try silentListener()
        defer { close(listener.fd) }
        let server = "http://127.0.0.1:\(listener.port)"
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: URL(string: server)), environment: [:]))
        let started = Date()
        var seenAfter: Double?
        let terminal = HeadlessTerminal(width: 100, height: 30) { terminal in
            let elapsed = Date().timeIntervalSince(started)
            if terminal.screen.lines.first?.contains("not answering") == true {
                seenAfter = seenAfter ?? elapsed
                return [.key(.character("q"))]
            }
            return elapsed > 10 ? [.key(.character("q"))] : []
        }
        _ = Runtime(state: AppState(folder: Fixtures.examplesFolder, serverURL: server), kit: kit,
                    downloadFolder: FileManager.default.temporaryDirectory).run(on: terminal)
        await kit.close()
        let seen = try #require(seenAfter, "screen: \(terminal.screen.lines.joined(separator: "\n"))")
        #expect(seen < 5)
    }
}
