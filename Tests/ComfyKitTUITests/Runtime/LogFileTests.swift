import ComfyKit
import Foundation
import Logging
import Testing
@testable import ComfyKitTUI

@Suite struct LogFileTests {
    @Test func linesGoToTheFileWithLevelLabelAndMetadataAndSecretsStayRedacted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ckt-log-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/comfykit-tui.log").path
        let file = try LogFile(path: path)
        var logger = Logger(label: "comfykit") { FileLogHandler(label: $0, file: file, level: .info) }
        logger[metadataKey: "session"] = "s1"
        logger.info("run started", metadata: ["run": "1", "key": "\(Secret("sk-live-123"))"])
        logger.debug("below the level")
        logger.warning("second")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" info comfykit: run started key=<redacted> run=1 session=s1"))
        #expect(lines[1].contains(" warning comfykit: second"))
        #expect(!text.contains("sk-live-123"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the log is the user's alone")
    }

    @Test func anUnwritableLogPathIsAClearError() {
        let error = #expect(throws: LogFileError.self) { try LogFile(path: "/proc/no-such-dir/comfykit-tui.log") }
        #expect(error?.description == "cannot open the log file /proc/no-such-dir/comfykit-tui.log: No such file or directory")
    }

    @Test func theDefaultLogSitsInTheXDGStateFolder() {
        #expect(LogFile.standardPath(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]) == "/x/state/comfykit/comfykit-tui.log")
        #expect(Logger.Level.fromEnvironment(["COMFYKIT_LOG_LEVEL": "DEBUG"]) == .debug)
        #expect(Logger.Level.fromEnvironment([:]) == .info)
    }
}

@Suite struct CrashNoticeTests {
    @Test func theNoticeIsWrittenToThePreparedDescriptor() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        CrashNotice.prepare(descriptor: ends[1], message: "comfykit-tui stopped; details in /x/log\n")
        CrashNotice.write()
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(ends[0], &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "comfykit-tui stopped; details in /x/log\n")
        CrashNotice.prepare(descriptor: -1, message: "")
    }
}
