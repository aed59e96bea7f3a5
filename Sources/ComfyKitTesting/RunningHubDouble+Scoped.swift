import RunningHubTestDouble

/// Starts a RunningHub double on 127.0.0.1, runs `body` with it, and always shuts it down.
///
/// ```swift
/// try await withRunningHubDouble({ $0.workflows[RunningHubFixtures.workflowID] = RunningHubFixtures.cloudWorkflow }) { server in
///     // RUNNINGHUB_BASE_URL = server.baseURL, RUNNINGHUB_API_KEY = RunningHubFixtures.apiKey
/// }
/// ```
public func withRunningHubDouble<Result>(
    _ configure: (inout RunningHubDoubleConfiguration) -> Void = { _ in },
    _ body: (RunningHubDouble) async throws -> Result
) async throws -> Result {
    var configuration = RunningHubDoubleConfiguration()
    configure(&configuration)
    let server = try await RunningHubDouble.start(configuration)
    return try await withCleanup({ await server.shutdown() }) {
        try await body(server)
    }
}
