import ArgumentParser
import ComfyKit
import Foundation

/// Downloads the outputs of a finished prompt as `comfykit download` does, timing the transfer only;
/// the driver starts a fresh process for this so peak RSS belongs to the download.
struct DownloadBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "download", abstract: "Download a prompt's outputs; bytes, seconds, peak RSS.")

    @Option(help: "The ComfyUI server.")
    var server: String

    @Option(name: .customLong("prompt-id"), help: "A prompt in the server's history.")
    var promptID: String

    @Option(help: "Folder to save into (created if missing).")
    var to: String

    struct Output: Encodable {
        let bytes: Int64
        let seconds: Double
        let peakRSSBytes: Int
        let files: [String]
    }

    func run() async throws {
        guard let url = URL(string: server) else { throw BenchError(description: "--server is not a URL: \(server)") }
        let kit = try ComfyKit(.init(comfyUIBaseURL: url), environment: [:])
        guard let result = try await kit.result(ofPrompt: promptID) else { throw BenchError(description: "no prompt \(promptID) in history") }
        let start = Clocks.monotonicNanoseconds()
        let files = try await kit.download(result, to: URL(fileURLWithPath: to))
        let seconds = Double(Clocks.monotonicNanoseconds() - start) / 1e9
        await kit.close()
        try emit(Output(bytes: files.reduce(0) { $0 + $1.byteCount }, seconds: seconds, peakRSSBytes: Clocks.peakRSSBytes(),
                        files: files.map(\.fileURL.path)))
    }
}
