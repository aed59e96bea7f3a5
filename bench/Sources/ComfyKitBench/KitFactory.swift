import ComfyKit
import Foundation

extension ServerOptions {
    /// A kit for the server and executor given on the command line.
    func makeKit() throws -> ComfyKit {
        guard let url = URL(string: server) else { throw BenchError(description: "--server is not a URL: \(server)") }
        guard let kind = ExecutorKind(parsing: executor) else { throw BenchError(description: "--executor must be ws or http, not \(executor)") }
        return try ComfyKit(.init(comfyUIBaseURL: url, executor: kind), environment: [:])
    }
}
