import ComfyKit
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
        var configuration = ComfyUIDouble.Configuration()
        configuration.sharedDirectory = Fixtures.sharedDir
        configure(&configuration)
        let double = try await ComfyUIDouble.start(configuration)
        var settings = overrides
        settings.comfyUIBaseURL = double.baseURL
        settings.executor = executor
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(settings, environment: [:]))
        do {
            try await body(double, kit)
        } catch {
            await kit.close()
            await double.shutdown()
            throw error
        }
        await kit.close()
        await double.shutdown()
    }

    /// Required params for the shared workflows, as a user would fill them in.
    static func params(for workflow: String) -> [String: ParamValue] {
        let media = Fixtures.workflowsDir.appendingPathComponent("media")
        switch workflow.prefix(2) {
        case "01", "05", "06": return ["width": 64, "height": 48]
        case "12": return ["width": 0, "height": 48]  // the recorded refusal: width below its minimum
        case "02", "04", "21", "22": return ["image": .string(media.appendingPathComponent("comfykit_test.png").path)]
        case "07": return ["duration": 0.5]
        case "08": return ["audio": .string(media.appendingPathComponent("comfykit_tone.wav").path)]
        case "09": return ["text": "hello"]
        case "11": return ["duration": 0.5]
        case "13": return ["image": "does_not_exist.png"]
        case "14": return ["width": 64]
        default: return [:]
        }
    }

    /// Every event of a run, and its outcome.
    static func collect(_ handle: RunHandle) async -> ([RunEvent], RunOutcome) {
        var events: [RunEvent] = []
        for await event in handle.events { events.append(event) }
        return (events, await handle.outcome)
    }
}
