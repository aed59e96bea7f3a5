import ComfyUITestDouble

/// Starts a ComfyUI test double on 127.0.0.1, runs `body` with it, and always shuts it down.
///
/// ```swift
/// try await withComfyUIDouble({ $0.webSocketFault = WebSocketFault(.drop, afterFrames: 3) }) { server in
///     // point a client at server.baseURL
/// }
/// ```
public func withComfyUIDouble<Result>(
    _ configure: (inout ComfyUIDouble.Configuration) -> Void = { _ in },
    _ body: (RunningDouble) async throws -> Result
) async throws -> Result {
    var configuration = ComfyUIDouble.Configuration()
    configure(&configuration)
    return try await withComfyUIDouble(configuration, body)
}

/// Starts a ComfyUI test double with `configuration`, runs `body` with it, and always shuts it down.
public func withComfyUIDouble<Result>(
    _ configuration: ComfyUIDouble.Configuration,
    _ body: (RunningDouble) async throws -> Result
) async throws -> Result {
    let server = try await ComfyUIDouble.start(configuration)
    return try await withCleanup({ await server.shutdown() }) {
        try await body(server)
    }
}
