@testable import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Logging
import Testing

/// A socket that stays open but goes silent, answering no ping (a hung server or proxy), is replaced.
@Suite struct SilentSocketTests {
    @Test func aSocketThatAnswersNoPingIsClosedAndReconnectedDuringTheRun() async throws {
        try await withComfyUIDouble({
            $0.webSocketFault = WebSocketFault(.freeze, afterFrames: 2)
            $0.nodeDurations[.classType("ImageBlur")] = .seconds(3)
        }) { double in
            let configuration = try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: double.baseURL), environment: [:])
            let kit = ComfyKit(configuration: configuration, httpClient: .comfyKit, logger: Logger(label: "test"),
                               runningHubTiming: RunningHubTiming(), socketPingPeriod: .milliseconds(300))
            try await withCleanup({ await kit.close() }) {
                let run = kit.run(.file(path: Fixtures.workflowPath("02_load_transform_save")), params: DoubleHarness.params(for: "02"))
                let (events, outcome) = await DoubleHarness.collect(run)
                #expect(outcome.result.status == .completed, "\(outcome.result.msg ?? "")")
                let lost = events.firstIndex { $0 == .connectionLost }
                let back = events.firstIndex { $0 == .reconnected }
                #expect(lost != nil && back != nil && lost! < back!, "the frozen socket is dropped, then a new one opens")
                let upgrades = await double.recordedRequests().filter(\.isWebSocketUpgrade)
                #expect(upgrades.count == 2)
                // The new socket carries the run again: its end arrives as frames, not only through /history.
                #expect(events.contains { if case .nodeOutput = $0 { true } else { false } })
            }
        }
    }
}
