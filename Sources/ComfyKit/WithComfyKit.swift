import Foundation

/// Makes a kit, runs `body` with it and closes it, also when `body` throws.
///
/// ```swift
/// let result = try await withComfyKit(.init(comfyUIBaseURL: server)) { kit in
///     await kit.execute(.file(path: "txt2img.json"), params: ["prompt": "a red fox"])
/// }
/// ```
public func withComfyKit<Result>(
    _ overrides: ComfyKitConfiguration.Overrides = .init(),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    _ body: (ComfyKit) async throws -> Result
) async throws -> Result {
    let kit = try ComfyKit(overrides, environment: environment)
    do {
        let value = try await body(kit)
        await kit.close()
        return value
    } catch {
        await kit.close()
        throw error
    }
}
