import Foundation

/// A test double executable (`comfyui-double`, `runninghub-double`) running as a child process on 127.0.0.1 and a free port.
final class DoubleProcess: Sendable {
    let baseURL: URL
    private let process: Process

    private init(process: Process, baseURL: URL) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts `comfyui-double` and reads its URL from the first stdout line.
    static func start(_ arguments: [String]) async throws -> DoubleProcess {
        try await start(product: "comfyui-double", ["--shared-dir", Subprocess.sharedDir.path] + arguments)
    }

    /// Starts a double executable (`comfyui-double`, `runninghub-double`) on a free port and reads its URL.
    static func start(product: String, _ arguments: [String]) async throws -> DoubleProcess {
        let process = Process()
        process.executableURL = Subprocess.productsDir.appendingPathComponent(product)
        process.arguments = ["--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = await Subprocess.onDispatchThread { Self.firstLine(of: out.fileHandleForReading) }
        guard let url = URL(string: line), url.scheme == "http" else {
            process.terminate()
            throw EndToEndFailure("\(product) printed no URL (first line: \(line))")
        }
        return DoubleProcess(process: process, baseURL: url)
    }

    /// Sends SIGTERM and waits for the exit.
    func stop() async {
        process.terminate()
        await Subprocess.onDispatchThread { [process] in process.waitUntilExit() }
    }

    private static func firstLine(of handle: FileHandle) -> String {
        var bytes = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            bytes.append(chunk)
            if bytes.contains(UInt8(ascii: "\n")) { break }
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}
