import Foundation

/// A test double executable (`comfyui-double`, `runninghub-double`) running as a child process on 127.0.0.1 and
/// a free port, for tests of executables that reach it from outside this process.
public final class DoubleProcess: Sendable {
    /// `http://127.0.0.1:<port>`, as the double printed it.
    public let baseURL: URL
    private let process: Process

    private init(process: Process, baseURL: URL) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts `product` with `--port 0` and `arguments`, and reads its URL from the first stdout line.
    static func start(product: String, _ arguments: [String]) async throws -> DoubleProcess {
        let process = Process()
        process.executableURL = Subprocess.product(product)
        process.arguments = ["--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = await Subprocess.onDispatchThread { Self.firstLine(of: out.fileHandleForReading) }
        guard let url = URL(string: line), url.scheme == "http" else {
            process.terminate()
            await Subprocess.onDispatchThread { process.waitUntilExit() }
            throw HarnessFailure("\(product) printed no URL (first line: \(line))")
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

/// Starts the `comfyui-double` executable on the shared recordings with `arguments` (its flags:
/// `--progress-steps`, `--file-bytes`, `--fail-node`, …), runs `body`, and always stops it.
///
/// ```swift
/// try await withComfyUIDoubleProcess(["--file-bytes", "250000"]) { server in
///     // start comfykit-tui --server server.baseURL
/// }
/// ```
public func withComfyUIDoubleProcess<Result>(
    _ arguments: [String] = [],
    _ body: (DoubleProcess) async throws -> Result
) async throws -> Result {
    try await withDoubleProcess(product: "comfyui-double", ["--shared-dir", SharedFixtures.directory.path] + arguments, body)
}

/// Starts the `runninghub-double` executable with `arguments` (`--workflow 1987=graph.json`, …), runs `body`,
/// and always stops it.
public func withRunningHubDoubleProcess<Result>(
    _ arguments: [String] = [],
    _ body: (DoubleProcess) async throws -> Result
) async throws -> Result {
    try await withDoubleProcess(product: "runninghub-double", arguments, body)
}

private func withDoubleProcess<Result>(
    product: String,
    _ arguments: [String],
    _ body: (DoubleProcess) async throws -> Result
) async throws -> Result {
    let server = try await DoubleProcess.start(product: product, arguments)
    return try await withCleanup({ await server.stop() }) {
        try await body(server)
    }
}
