@testable import ComfyKit
import ComfyUITestDouble
import Foundation
import Testing

/// When the HTTP executor looks at `/history`, and what it learns from the server for the next run.
@Suite struct HistoryPollScheduleTests {
    /// The pauses the schedule gives, looking each time right when the previous pause ends.
    private func pauses(_ schedule: HistoryPollSchedule, until end: Duration) -> [Duration] {
        var schedule = schedule
        var elapsed = Duration.zero
        var pauses: [Duration] = []
        while elapsed < end {
            let pause = schedule.delay(after: elapsed)
            pauses.append(pause)
            elapsed += pause
        }
        return pauses
    }

    @Test func withoutAnExpectedTimeItBacksOffFromFiveMillisecondsToHalfASecond() {
        let pauses = pauses(HistoryPollSchedule(expected: nil), until: .seconds(5))
        #expect(Array(pauses.prefix(3)) == [.milliseconds(5), .microseconds(7500), .microseconds(11250)])
        #expect(zip(pauses, pauses.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(pauses.last == .milliseconds(500))
    }

    @Test func aKnownExecutionTimeIsWatchedEveryMillisecondFromShortlyBefore() {
        let pauses = pauses(HistoryPollSchedule(expected: .milliseconds(20)), until: .milliseconds(30))
        // 5, 7.5, then 5.5 to land on 18 ms (2 ms before), then 1 ms looks to 25 ms (a quarter after).
        #expect(Array(pauses.prefix(3)) == [.milliseconds(5), .microseconds(7500), .microseconds(5500)])
        #expect(Array(pauses.dropFirst(3).prefix(7)) == Array(repeating: .milliseconds(1), count: 7))
        #expect(pauses.dropFirst(10).allSatisfy { $0 > .milliseconds(1) }, "past the window it backs off again")
    }

    @Test func theLooksAroundTheExpectedTimeAreBounded() {
        let pauses = pauses(HistoryPollSchedule(expected: .seconds(2)), until: .seconds(4))
        #expect(pauses.filter { $0 == HistoryPollSchedule.denseInterval }.count == HistoryPollSchedule.denseLooks)
    }

    @Test func anHTTPRunTeachesTheKitTheServersExecutionTimeOfThatWorkflow() async throws {
        try await DoubleHarness.with({ $0.nodeDuration = .milliseconds(30) }, executor: .http) { _, kit in
            let workflow = try WorkflowLoader().loadFile(Fixtures.workflowPath("09_text_output")).localWorkflow()
            #expect(kit.executionTimes.expected(for: workflow) == nil)
            let result = await kit.execute(.file(path: Fixtures.workflowPath("09_text_output")), params: ["text": "x"])
            #expect(result.status == .completed)
            let learned = try #require(kit.executionTimes.expected(for: workflow))
            // Every node takes 30 ms on the double; its timestamps are whole milliseconds.
            #expect(learned >= .milliseconds(29) && learned < .seconds(5))
        }
    }
}
