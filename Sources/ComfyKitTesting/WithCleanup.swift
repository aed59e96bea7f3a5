/// Runs `body`, then `cleanup`, also when `body` throws: the one place the test harnesses stop what they started.
///
/// ```swift
/// let kit = ComfyKit(configuration: configuration)
/// try await withCleanup({ await kit.close() }) {
///     try await body(kit)
/// }
/// ```
public func withCleanup<Result>(
    _ cleanup: () async -> Void,
    _ body: () async throws -> Result
) async throws -> Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
    return result
}
