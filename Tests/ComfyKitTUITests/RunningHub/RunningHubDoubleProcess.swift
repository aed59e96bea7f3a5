import Foundation

/// The `runninghub-double` executable as a child process on 127.0.0.1 and a free port.
final class RunningHubDoubleProcess: Sendable {
    let baseURL: URL
    private let process: Process

    private init(process: Process, baseURL: URL) {
        self.process = process
        self.baseURL = baseURL
    }

    static func start(_ arguments: [String]) async throws -> RunningHubDoubleProcess {
        let process = Process()
        process.executableURL = Subprocess.productsDir.appendingPathComponent("runninghub-double")
        process.arguments = ["--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = await Subprocess.onDispatchThread { () -> String in
            var bytes = Data()
            while !bytes.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                bytes.append(chunk)
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        }
        guard let url = URL(string: line), url.scheme == "http" else {
            process.terminate()
            throw EndToEndFailure("runninghub-double printed no URL (first line: \(line))")
        }
        return RunningHubDoubleProcess(process: process, baseURL: url)
    }

    func stop() async {
        process.terminate()
        await Subprocess.onDispatchThread { [process] in process.waitUntilExit() }
    }
}
