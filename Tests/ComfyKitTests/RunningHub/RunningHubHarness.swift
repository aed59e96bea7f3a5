import ComfyKit
import ComfyKitTesting
import Foundation
import Logging
import RunningHubTestDouble

/// Starts a RunningHub double on 127.0.0.1 and a ComfyKit pointed at it, with fast polling.
enum RunningHubHarness {
    static let key = RunningHubFixtures.apiKey
    static let workflowID = RunningHubWorkflowID(RunningHubFixtures.workflowID)!

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
        try await withRunningHubDouble({
            $0.workflows[workflowID.value] = RunningHubFixtures.cloudWorkflow
            configure(&$0)
        }) { double in
            var settings = overrides
            settings.runningHubBaseURL = double.baseURL
            settings.runningHubAPIKey = key.map(Secret.init)
            let kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(settings, environment: [:]), logger: logger, runningHubTiming: timing)
            try await withCleanup({ await kit.close() }) {
                try await body(double, kit)
            }
        }
    }

    /// The `nodeInfoList` of the n-th `create` call, as sent.
    static func nodeInfoList(_ double: RunningHubDouble, call index: Int = 0) async throws -> [JSONValue] {
        let creates = await double.calls(to: "/task/openapi/create")
        guard index < creates.count else { throw FixtureError("only \(creates.count) create call(s)") }
        return try JSONValue(parsing: creates[index].body)["nodeInfoList"]?.arrayValue ?? []
    }

    /// A local PNG from the shared media.
    static var imagePath: String { SharedFixtures.media("comfykit_test.png").path }
}
