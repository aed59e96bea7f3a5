import ComfyKit
import Foundation
import Logging
import RunningHubTestDouble

/// Starts a RunningHub double on 127.0.0.1 and a ComfyKit pointed at it, with fast polling.
enum RunningHubHarness {
    static let key = "rh-test-key"
    static let workflowID = RunningHubWorkflowID("1987")!

    static let timing = RunningHubTiming(
        pollInterval: .milliseconds(20), retryDelay: .milliseconds(10), maxRetryDelay: .milliseconds(80),
        requestTimeout: .seconds(10), unreachableLimit: .seconds(5), unknownStateLimit: 50)

    static func with(
        _ configure: (inout RunningHubDoubleConfiguration) -> Void = { _ in },
        key: String? = RunningHubHarness.key,
        overrides: ComfyKitConfiguration.Overrides = .init(),
        timing: RunningHubTiming = RunningHubHarness.timing,
        logger: Logger = Logger(label: "test"),
        _ body: (RunningHubDouble, ComfyKit) async throws -> Void
    ) async throws {
        var configuration = RunningHubDoubleConfiguration()
        configuration.workflows[workflowID.value] = CloudWorkflow.text
        configure(&configuration)
        let double = try await RunningHubDouble.start(configuration)
        var settings = overrides
        settings.runningHubBaseURL = double.baseURL
        settings.runningHubAPIKey = key.map(Secret.init)
        let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(settings, environment: [:]), logger: logger, runningHubTiming: timing)
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

    /// The `nodeInfoList` of the n-th `create` call, as sent.
    static func nodeInfoList(_ double: RunningHubDouble, call index: Int = 0) async throws -> [JSONValue] {
        let creates = await double.calls(to: "/task/openapi/create")
        guard index < creates.count else { throw FixtureError("only \(creates.count) create call(s)") }
        return try JSONValue(parsing: creates[index].body)["nodeInfoList"]?.arrayValue ?? []
    }

    /// A local PNG from the shared media.
    static var imagePath: String {
        Fixtures.workflowsDir.appendingPathComponent("media/comfykit_test.png").path
    }
}

/// A cloud workflow with the DSL in its titles, after spec §8.7 R2: `$seed` on a sampler, a second
/// sampler with `seed: 0` and no marker, a required prompt bound to two nodes (fan-out), an optional
/// negative prompt, an uploaded image, a plain image name, and a named output.
enum CloudWorkflow {
    static let text = """
        {
          "3": {"class_type": "KSampler", "inputs": {"seed": 0, "steps": 20, "cfg": 7, "model": ["4", 0]}, "_meta": {"title": "KSampler, $seed"}},
          "31": {"class_type": "KSampler", "inputs": {"seed": 0, "steps": 20, "model": ["4", 0]}, "_meta": {"title": "KSampler 2"}},
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15.safetensors"}, "_meta": {"title": "Load Checkpoint"}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}, "_meta": {"title": "Prompt, $prompt.text!"}},
          "16": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}, "_meta": {"title": "Prompt again, $prompt.text!"}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}, "_meta": {"title": "Negative, $negative.text"}},
          "10": {"class_type": "LoadImage", "inputs": {"image": "example.png"}, "_meta": {"title": "$~image"}},
          "11": {"class_type": "LoadImage", "inputs": {"image": "example.png"}, "_meta": {"title": "$ref.image"}},
          "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "ComfyUI"}, "_meta": {"title": "$output.cover"}}
        }
        """
}
