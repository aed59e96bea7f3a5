import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation

/// Starts a ComfyUI test double on 127.0.0.1 and a ComfyKit pointed at it, for one test.
enum DoubleHarness {
    static func with(
        _ configure: (inout ComfyUIDouble.Configuration) -> Void = { _ in },
        executor: ExecutorKind = .websocket,
        overrides: ComfyKitConfiguration.Overrides = .init(),
        _ body: (RunningDouble, ComfyKit) async throws -> Void
    ) async throws {
        try await withComfyUIDouble(configure) { double in
            var settings = overrides
            settings.comfyUIBaseURL = double.baseURL
            settings.executor = executor
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(settings, environment: [:]))
            try await withCleanup({ await kit.close() }) {
                try await body(double, kit)
            }
        }
    }

    /// Required params for the shared workflows, as a user would fill them in: numbers as numbers.
    static func params(for workflow: String) -> [String: ParamValue] {
        SharedFixtures.requiredParams(for: workflow).mapValues { text in
            if let int = Int(text) { return .int(int) }
            if let double = Double(text) { return .double(double) }
            return .string(text)
        }
    }

    /// Every event of a run, and its outcome.
    static func collect(_ handle: RunHandle) async -> ([RunEvent], RunOutcome) {
        var events: [RunEvent] = []
        for await event in handle.events { events.append(event) }
        return (events, await handle.outcome)
    }
}
