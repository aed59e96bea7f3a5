import Foundation

/// Creates an empty folder under the temporary directory, runs `body` with it, and removes it afterwards.
///
/// ```swift
/// try await withTemporaryDirectory("ck-dl") { folder in
///     try await kit.download(result, to: folder)
/// }
/// ```
public func withTemporaryDirectory<Result>(
    _ prefix: String = "comfykit-test",
    _ body: (URL) async throws -> Result
) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try await withCleanup({ try? FileManager.default.removeItem(at: folder) }) {
        try await body(folder)
    }
}
